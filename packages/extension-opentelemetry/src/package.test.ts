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

  it('loads as CommonJS, the same module as the ES entry', () => {
    const output = runNode([
      '-e',
      "const { OpenTelemetryExtension } = require('@azfx/extension-opentelemetry');" +
        "import('@azfx/extension-opentelemetry').then((esm) => console.log(OpenTelemetryExtension.name, esm.OpenTelemetryExtension === OpenTelemetryExtension));",
    ]);
    expect(output.trim()).toBe('opentelemetry true');
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
