// Prints the closing `N passed, N failed` line from vitest's JSON report, so CI counts what really ran.
// Exits non-zero when the report is missing or unreadable (no report means the tests did not run), when anything
// failed, or when nothing passed.
import { readFileSync } from 'node:fs';

/** @typedef {{ status?: string, assertionResults?: { status?: string }[] }} FileResult */

const reportPath = process.argv[2] ?? 'reports/vitest.json';
/** @type {{ testResults?: FileResult[], numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number }} */
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  console.error(`No readable vitest report at ${reportPath}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// A test file that fails before any test runs (a syntax error, a failing beforeAll) has no failed tests of its
// own: count it as one failure so it cannot vanish from the line.
const filesFailedWithoutTests = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
).length;
const passed = Number(report.numPassedTests ?? 0);
const failed = Number(report.numFailedTests ?? 0) + filesFailedWithoutTests;
const skipped = Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0);

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
