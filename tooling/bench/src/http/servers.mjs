import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** @typedef {import('./serverChild.mjs').ServerSpec} ServerSpec */

/**
 * What a server's answer to GET /api/HttpTrigger?name=Azure must show, checked before it is measured: a benchmark
 * of a server that answers something else (a 404, extensions that did not load) would measure the wrong thing.
 * @typedef {{ suffix: boolean; serverTiming: boolean; requestId: boolean }} Expectation
 */

/**
 * @typedef {object} Variant
 * @property {string} name
 * @property {ServerSpec} spec
 * @property {Expectation} expect
 */

const benchApp = fileURLToPath(new URL('../../fixtures/bench-app', import.meta.url));
const sampleApp = fileURLToPath(new URL('../../../../apps/http-sample', import.meta.url));

/** @type {(extensions: string) => ServerSpec} */
const benchAppWith = (extensions) => ({
  kind: 'dev-host',
  appDir: benchApp,
  env: { BENCH_EXTENSIONS: extensions, AZFX_EXTENSIONS_DISABLED: '' },
});

/** @type {(disabled: string) => ServerSpec} */
const sampleWith = (disabled) => ({ kind: 'dev-host', appDir: sampleApp, env: { AZFX_EXTENSIONS_DISABLED: disabled } });

/** @type {readonly Variant[]} */
export const variants = [
  { name: 'node:http, same work', spec: { kind: 'plain' }, expect: { suffix: false, serverTiming: false, requestId: false } },
  {
    name: "node:http + the library's conversions",
    spec: { kind: 'library' },
    expect: { suffix: false, serverTiming: false, requestId: false },
  },
  { name: 'dev host, no extension', spec: benchAppWith('none'), expect: { suffix: false, serverTiming: false, requestId: false } },
  { name: 'dev host, timer', spec: benchAppWith('timer'), expect: { suffix: false, serverTiming: true, requestId: false } },
  {
    name: 'dev host, timer + appendToHttpResponse',
    spec: benchAppWith('timer-append'),
    expect: { suffix: true, serverTiming: true, requestId: false },
  },
  {
    name: 'sample app, AZFX_EXTENSIONS_DISABLED=*',
    spec: sampleWith('*'),
    expect: { suffix: false, serverTiming: false, requestId: false },
  },
  {
    name: 'sample app as shipped (timer + append, request-id)',
    spec: sampleWith(''),
    expect: { suffix: true, serverTiming: true, requestId: true },
  },
];

export const REQUEST_PATH = '/api/HttpTrigger?name=Azure';
const GREETING = 'Hello, Azure. This HTTP triggered function executed successfully.';

/**
 * A server under test, running in a child process of its own.
 * @typedef {{ url: string; cpuMicros(): Promise<number>; close(): Promise<void> }} RunningServer
 */

/**
 * @param {ServerSpec} spec
 * @returns {Promise<RunningServer>}
 */
export async function startServer(spec) {
  // The app's own console output (extension-core's start-up line) would interleave with the report; errors still show.
  const child = fork(new URL('serverChild.mjs', import.meta.url), [JSON.stringify(spec)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const [message] = /** @type {[{ url: string } | undefined]} */ (
    await Promise.race([once(child, 'message'), exited.then(() => [undefined])])
  );
  if (message === undefined) throw new Error(`The server ${JSON.stringify(spec)} exited before it listened.`);
  return {
    url: message.url,
    async cpuMicros() {
      child.send('cpu');
      const [answer] = /** @type {[{ cpuMicros: number }]} */ (await once(child, 'message'));
      return answer.cpuMicros;
    },
    async close() {
      if (child.exitCode !== null) return;
      child.send('close');
      await exited;
    },
  };
}

/**
 * @param {RunningServer} server
 * @param {Variant} variant
 * @returns {Promise<string>} the checked answer, for the report
 */
export async function checkServer(server, variant) {
  const response = await globalThis.fetch(new URL(REQUEST_PATH, server.url));
  const body = await response.text();
  const problems = [];
  if (response.status !== 200) problems.push(`status ${response.status}`);
  const suffix = / \(TimeElapsed: \d+\.\d{6} sec\)$/.test(body);
  if (!body.startsWith(GREETING) || suffix !== variant.expect.suffix) problems.push(`body ${JSON.stringify(body)}`);
  const serverTiming = response.headers.get('server-timing');
  if ((serverTiming !== null) !== variant.expect.serverTiming) problems.push(`Server-Timing ${String(serverTiming)}`);
  if (response.headers.has('x-request-id') !== variant.expect.requestId) problems.push('x-request-id');
  if (problems.length > 0) throw new Error(`${variant.name}: unexpected answer (${problems.join(', ')}).`);
  return `${variant.name}: 200 ${JSON.stringify(body)}${serverTiming === null ? '' : `, Server-Timing: ${serverTiming}`}`;
}
