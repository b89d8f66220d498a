import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The JavaScript file behind an installed package's bin, to run with `process.execPath`: the same on every OS,
 * and no dependence on `node_modules/.bin` being on PATH.
 */
export function resolveBin(packageName: string, binName: string, from: string = import.meta.url): string {
  const manifestPath = createRequire(from).resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const relative = typeof bin === 'string' ? bin : bin?.[binName];
  if (relative === undefined) throw new Error(`${packageName} has no bin named "${binName}"`);
  return path.resolve(path.dirname(manifestPath), relative);
}
