import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string }[];
}

/**
 * The JSON report the root vitest config writes to reports/vitest.json: counting what really ran is the only way to
 * tell "all tests passed" from "no test ran".
 */
export function readVitestReport(root: string): VitestJsonReport {
  return JSON.parse(readFileSync(join(root, 'reports', 'vitest.json'), 'utf8')) as VitestJsonReport;
}
