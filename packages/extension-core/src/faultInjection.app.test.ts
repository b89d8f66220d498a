import { startHost, type Host, type LogRecord } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAppWithLibrary, libraries } from './test-support/installAppWithLibrary.js';

// Fault injection through a real app on the dev host: the package's build, in an app that installs it as a customer
// would, on the library's own worker sequence. Every extension fault of docs/lifecycle.md's matrix, and every way
// an extension can leave a result the host cannot send. After each, the host must still serve.

type Kind = 'throws' | 'rejects' | 'throwsString' | 'throwsNull' | 'throwsUnreadable' | 'timesOut';
type Phase = 'preInvocation' | 'aroundHandler' | 'onError' | 'postInvocation' | 'state' | 'scope';

const allKinds: Kind[] = ['throws', 'rejects', 'throwsString', 'throwsNull', 'throwsUnreadable', 'timesOut'];
const syncKinds: Kind[] = ['throws', 'throwsString', 'throwsNull', 'throwsUnreadable'];
// The same matrix the fixture registers (src/fixtures/fault-app/src/cases.js); the test checks they agree.
const kindsByPhase: Record<Phase, Kind[]> = {
  preInvocation: allKinds,
  aroundHandler: allKinds.filter((kind) => kind !== 'timesOut'),
  onError: allKinds,
  postInvocation: allKinds,
  state: syncKinds,
  scope: ['throws'],
};
const faultCases = Object.entries(kindsByPhase).flatMap(([phase, kinds]) =>
  kinds.flatMap((kind) =>
    (['isolated', 'strict'] as const).map((mode) => ({ name: `${phase}-${kind}-${mode}`, phase: phase as Phase, kind, strict: mode === 'strict' })),
  ),
);

/** How the fault log line describes each kind (docs/lifecycle.md, "Faults"). */
const described: Record<Kind, RegExp> = {
  throws: /: Error: kaput\n\s+at /,
  rejects: /: Error: kaput\n\s+at /,
  throwsString: /: threw a non-Error value: 'kaput'$/,
  throwsNull: /: threw a non-Error value: null$/,
  throwsUnreadable: /: threw a value that cannot be read \(reading or inspecting it threw\)$/,
  timesOut: /: timed out after 50 ms; the hook was abandoned$/,
};

/** What the outer extension sees as the invocation's error once a strict extension's fault has failed it. */
function strictError(name: string, phase: Phase, kind: Kind): string {
  if (kind === 'throws' || kind === 'rejects') return 'Error: kaput';
  if (kind === 'throwsUnreadable') return 'Error: kaput (unreadable)';
  const reason = {
    throwsString: "threw a non-Error value: 'kaput'",
    throwsNull: 'threw a non-Error value: null',
    timesOut: 'timed out after 50 ms; the hook was abandoned',
  }[kind];
  return `ExtensionHookError: Extension "faulty-${name}" ${reason} (in ${phase}).`;
}

/** Results the library cannot turn into an HTTP response, and what it (or the host) says about each. */
const resultCases: [name: string, failure: RegExp][] = [
  ['result-number', /The HTTP response must be an object/],
  ['result-string', /The HTTP response must be an object/],
  ['result-symbol', /The HTTP response must be an object/],
  ['result-status-text', /RangeError/],
  ['result-status-too-big', /RangeError/],
  ['result-status-too-small', /RangeError/],
  ['result-circular-json', /circular/i],
  ['result-bad-header-name', /TypeError/],
  ['result-bad-header-value', /TypeError/],
  ['result-failing-stream', /stream broke/],
  ['result-error-zero', /Exception: 0$/],
  ['respond-number', /The HTTP response must be an object/],
  ['around-symbol', /The HTTP response must be an object/],
];

const hangCases = ['hang-pre-no-timeout', 'hang-post-no-timeout', 'hang-around-with-timeout'];

describe.each([
  ['the current @azure/functions', libraries.current],
  ['@azure/functions 4.1.0', libraries.lowest],
])('extension faults on the dev host, with %s', (_library, libraryDir) => {
  const app = installAppWithLibrary('fault-app', libraryDir);
  let host: Host;
  beforeAll(async () => {
    // close() waits this long for the invocations the hang cases leave running.
    host = await startHost({ appDir: app.dir, shutdownTimeoutMs: 500 });
  });
  afterAll(async () => {
    await host.close();
    app.remove();
  });

  const logsOf = (functionName: string): LogRecord[] => host.logs.filter((log) => log.functionName === functionName);

  async function expectStillServing(): Promise<void> {
    const res = await host.fetch('/api/healthy');
    expect(await res.text()).toBe('healthy');
  }

  it('registers exactly the cases this test checks', () => {
    const names = host.functions.map((fn) => fn.name);
    const expected = [...faultCases.map((c) => c.name), ...resultCases.map(([name]) => name), ...hangCases, 'healthy'];
    expect([...names].sort()).toEqual([...expected].sort());
  });

  describe.each(faultCases)('$name', ({ name, phase, kind, strict }) => {
    // A fault fails the invocation only for a strict extension, and never in scope; onError cases fail anyway
    // (their handler throws, or onError would not run).
    const fails = phase === 'onError' || (strict && phase !== 'scope');

    it(fails ? 'answers 500 with an empty body' : 'answers as if nothing had happened', async () => {
      const res = await host.fetch(`/api/${name}`);
      expect(res.status).toBe(fails ? 500 : 200);
      expect(await res.text()).toBe(fails ? '' : `ok from ${name}`);
      await expectStillServing();
    });

    it('logs the fault once, at error level, naming extension, phase, function and invocation', () => {
      const faults = logsOf(name).filter((log) => log.message.startsWith('[azfx] Extension'));
      expect(faults).toHaveLength(1);
      const [fault] = faults;
      expect(fault?.level).toBe('error');
      expect(fault?.message).toMatch(
        new RegExp(`^\\[azfx\\] Extension "faulty-${name}" failed in ${phase} for function "${name}" \\(invocation ${fault?.invocationId ?? '?'}\\)`),
      );
      expect(fault?.message).toMatch(described[kind]);
    });

    it('shows the outer extension the outcome lifecycle.md describes', () => {
      const observed = logsOf(name).find((log) => log.message.startsWith('[observer]'))?.message;
      if (strict && phase !== 'scope') {
        expect(observed).toBe(`[observer] failed=true error=${strictError(name, phase, kind)}`);
      } else if (phase === 'onError') {
        expect(observed).toBe('[observer] failed=true error=Error: handler failed');
      } else {
        expect(observed).toBe('[observer] failed=false error=no error');
      }
    });
  });

  describe.each(resultCases)('%s', (name, failure) => {
    it('fails the invocation after every hook ran: 500, empty body, the reason in the host log', async () => {
      const res = await host.fetch(`/api/${name}`);

      expect(res.status).toBe(500);
      expect(await res.text()).toBe('');
      const logs = logsOf(name);
      expect(logs.find((log) => log.message.startsWith('[observer]'))?.message).toMatch(/^\[observer\] failed=(false|true)/);
      const result = logs.find((log) => log.message.startsWith('Result: Failure'));
      expect(result?.message).toMatch(failure);
      // The conversion happens after the post phase: no extension fault is reported for it.
      expect(logs.filter((log) => log.message.startsWith('[azfx] Extension'))).toEqual([]);
      expect(res.headers.get('x-injected')).toBeNull();
      await expectStillServing();
    });
  });

  it.each(hangCases)('%s: the request never completes; the host serves others and still closes', async (name) => {
    const hung = host.fetch(`/api/${name}`, { signal: AbortSignal.timeout(300) });

    await expect(hung).rejects.toThrow(/aborted|timeout/i);
    await expectStillServing();
    expect(logsOf(name).filter((log) => log.level === 'error')).toEqual([]);
  });

  it('closes despite the hung invocations, saying how many it left behind', async () => {
    await host.close();
    expect(host.logs.some((log) => /\d+ request\(s\) or invocation\(s\) still running after 500 ms/.test(log.message))).toBe(true);
  });
});
