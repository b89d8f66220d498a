import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type ModuleKind = 'commonjs' | 'module';

/**
 * Writes the smallest Azure Functions v4 app that uses the timer the way its README tells users to: a package.json
 * whose `main` is a glob, a host.json, and one anonymous HTTP function. The function's body is plain text, so the
 * timer appends ` (TimeElapsed: … sec)` to it and adds a Server-Timing header.
 */
export async function writeFunctionApp(dir: string, kind: ModuleKind): Promise<void> {
  await mkdir(path.join(dir, 'src', 'functions'), { recursive: true });
  const manifest = {
    name: `azfx-e2e-${kind}-app`,
    version: '1.0.0',
    private: true,
    ...(kind === 'module' ? { type: 'module' } : {}),
    main: 'src/functions/*.js',
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    path.join(dir, 'host.json'),
    `${JSON.stringify({ version: '2.0', logging: { logLevel: { default: 'Information' } } }, null, 2)}\n`,
  );
  await writeFile(path.join(dir, 'src', 'functions', 'hello.js'), kind === 'module' ? esmFunction : commonJsFunction);
}

const commonJsFunction = `const { app } = require('@azure/functions');
const { TimerExtension } = require('@azfx/extension-timer');

TimerExtension.configure({ appendToHttpResponse: true });

app.http('hello', {
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async () => ({ body: 'Hello from a CommonJS app' }),
});
`;

const esmFunction = `import { app } from '@azure/functions';
import { TimerExtension } from '@azfx/extension-timer';

TimerExtension.configure({ appendToHttpResponse: true });

app.http('hello', {
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async () => ({ body: 'Hello from an ES module app' }),
});
`;
