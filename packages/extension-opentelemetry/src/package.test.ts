import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package, loaded by plain Node as an app would load it: vitest's own module interop would hide a
// broken import.
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the built package', () => {
  it('has been built (`pnpm --filter @azfx/extension-opentelemetry build`)', () => {
    expect(existsSync(new URL('../dist/index.mjs', import.meta.url))).toBe(true);
    expect(existsSync(new URL('../dist/index.cjs', import.meta.url))).toBe(true);
  });

  it('loads as an ES module, registered by the import', () => {
    const output = runNode([
      '--input-type=module',
      '-e',
      "const { OpenTelemetryExtension } = await import('@azfx/extension-opentelemetry');" +
        'console.log(OpenTelemetryExtension.name, OpenTelemetryExtension.isConfigured);',
    ]);
    expect(output.trim()).toBe('opentelemetry true');
  });

  it('loads as CommonJS', () => {
    const output = runNode([
      '-e',
      "const { OpenTelemetryExtension } = require('@azfx/extension-opentelemetry');" +
        'console.log(OpenTelemetryExtension.name, OpenTelemetryExtension.isConfigured);',
    ]);
    expect(output.trim()).toBe('opentelemetry true');
  });

  it('is one extension when an app both imports and requires it: configured through either, registered once, no warning', () => {
    const output = runNode([
      '--input-type=module',
      '-e',
      "import { createRequire } from 'node:module';" +
        "const require = createRequire(process.cwd() + '/package.json');" +
        "const warnings = []; console.warn = (line) => warnings.push(String(line));" +
        "const imported = (await import('@azfx/extension-opentelemetry')).OpenTelemetryExtension;" +
        "const required = require('@azfx/extension-opentelemetry').OpenTelemetryExtension;" +
        "const { listExtensions } = require('@azfx/extension-core');" +
        "required.configure({ routePrefix: 'v1' });" +
        'console.log(JSON.stringify({ twoBuilds: imported !== required, routePrefixSeenByImported: imported.options.routePrefix,' +
        ' registered: listExtensions().map((info) => info.name), warnings: warnings.filter((line) => line.startsWith("[azfx]")) }));',
    ]);
    expect(JSON.parse(output)).toEqual({ twoBuilds: true, routePrefixSeenByImported: 'v1', registered: ['opentelemetry'], warnings: [] });
  });

  it('starts no SDK of its own: tracing stays a no-op until the app registers one', () => {
    const output = runNode([
      '-e',
      "require('@azfx/extension-opentelemetry'); const api = require('@opentelemetry/api');" +
        "const span = api.trace.getTracer('t').startSpan('s'); console.log(span.isRecording(), api.context.active() === api.ROOT_CONTEXT);",
    ]);
    expect(output.trim()).toBe('false true');
  });
});
