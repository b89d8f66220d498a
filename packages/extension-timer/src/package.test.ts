import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package, loaded by plain Node as an app would load it: vitest's own module interop would hide a
// broken import (Node cannot see @azure/functions' class exports from an ES module, for one).
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the built package', () => {
  it('has been built (`pnpm --filter @azfx/extension-timer build`)', () => {
    expect(existsSync(new URL('../dist/index.mjs', import.meta.url))).toBe(true);
    expect(existsSync(new URL('../dist/index.cjs', import.meta.url))).toBe(true);
  });

  it('loads as an ES module', () => {
    const output = runNode([
      '--input-type=module',
      '-e',
      "const { TimerExtension } = await import('@azfx/extension-timer');" +
        'console.log(TimerExtension.name, TimerExtension.isConfigured);',
    ]);
    expect(output.trim()).toBe('timer true');
  });

  it('loads as CommonJS', () => {
    const output = runNode([
      '-e',
      "const { TimerExtension } = require('@azfx/extension-timer');" +
        'console.log(TimerExtension.name, TimerExtension.isConfigured);',
    ]);
    expect(output.trim()).toBe('timer true');
  });

  it('is one timer when an app both imports and requires it: configured through either, registered once, no warning', () => {
    const output = runNode([
      '--input-type=module',
      '-e',
      "import { createRequire } from 'node:module';" +
        "const require = createRequire(process.cwd() + '/package.json');" +
        "const warnings = []; console.warn = (line) => warnings.push(String(line));" +
        "const imported = (await import('@azfx/extension-timer')).TimerExtension;" +
        "const required = require('@azfx/extension-timer').TimerExtension;" +
        "const { listExtensions } = require('@azfx/extension-core');" +
        'required.configure({ appendToHttpResponse: true });' +
        'console.log(JSON.stringify({ twoBuilds: imported !== required, appendSeenByImported: imported.options.appendToHttpResponse,' +
        ' registered: listExtensions().map((info) => info.name), warnings: warnings.filter((line) => line.startsWith("[azfx]")) }));',
    ]);
    expect(JSON.parse(output)).toEqual({ twoBuilds: true, appendSeenByImported: true, registered: ['timer'], warnings: [] });
  });
});
