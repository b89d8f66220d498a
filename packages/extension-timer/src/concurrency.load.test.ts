import { Agent, request } from 'node:http';
import { startHost, type Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTimerApp } from './testSupport/installTimerApp.js';

// 1,000 requests at once through the dev host, the timer appending each invocation's elapsed time to its body and
// Server-Timing header. Each handler sleeps a time of its own, so a response that carried another invocation's
// measurement (or another request's id) would show it.
const REQUESTS = 1_000;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

// One socket per request, all opened at once; node:http rather than fetch, whose pool would queue them.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The request's own sleep: 0 to 96 ms, spread so that neighbours differ. */
const sleepOf = (index: number): number => (index * 37) % 97;
const idOf = (index: number): string => `req-${String(index).padStart(4, '0')}-${String((index * 7919) % 10_007)}`;

describe(`${REQUESTS.toLocaleString('en-US')} concurrent requests with the timer`, () => {
  const app = installTimerApp('timer-app');
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: app.dir });
  });
  afterAll(async () => {
    await host.close();
    agent.destroy();
    app.remove();
  });

  async function fire(sleep: (index: number) => number): Promise<{ answers: Answer[]; seconds: number }> {
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_unused, index) =>
        get(`${host.url}/api/sleep?ms=${String(sleep(index))}`, { 'x-request-id': idOf(index) }),
      ),
    );
    return { answers, seconds: (performance.now() - started) / 1000 };
  }

  it('each response carries its own request id and its own elapsed time, in the body and in Server-Timing', { timeout: 60_000 }, async () => {
    const { answers, seconds } = await fire(sleepOf);

    const problems: string[] = [];
    answers.forEach((answer, index) => {
      const id = idOf(index);
      const ms = sleepOf(index);
      const body = /^req (\S+) slept (\d+)ms \(TimeElapsed: (\d+\.\d{6}) sec\)$/.exec(answer.body);
      const timing = /^total;dur=(\d+\.\d{3})$/.exec(String(answer.headers['server-timing']));
      const elapsedMs = Number(body?.[3]) * 1000;
      const durMs = Number(timing?.[1]);
      const ok =
        answer.status === 200 &&
        answer.headers['x-request-id'] === id &&
        body?.[1] === id &&
        body[2] === String(ms) &&
        elapsedMs >= ms &&
        // The same measurement, rounded to the microsecond in both places.
        Math.abs(durMs - elapsedMs) <= 0.0015;
      if (!ok) problems.push(`#${String(index)} (${id}, ${String(ms)} ms): ${answer.status} ${answer.body} | ${JSON.stringify(answer.headers)}`);
    });
    console.info(
      `[reliability] ${REQUESTS.toLocaleString('en-US')} concurrent requests through the dev host with the timer ` +
        `(handlers sleeping 0-96 ms): all answered in ${seconds.toFixed(2)} s`,
    );
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('logs one elapsed-time line per invocation, each under its own invocation id', () => {
    const lines = host.logs.filter((log) => log.message.startsWith('[timer] sleep (invocation '));
    const byInvocation = new Map<string, number>();
    for (const line of lines) byInvocation.set(line.invocationId ?? '', (byInvocation.get(line.invocationId ?? '') ?? 0) + 1);

    expect(byInvocation.size).toBe(REQUESTS);
    expect([...byInvocation.values()].every((count) => count === 1)).toBe(true);
    for (const line of lines) expect(line.message).toMatch(new RegExp(`^\\[timer\\] sleep \\(invocation ${line.invocationId ?? '?'}\\) completed in \\d+\\.\\d{3} ms$`));
  });

  it('serves them without sleeping too (the figure for docs/reliability.md)', { timeout: 60_000 }, async () => {
    const { answers, seconds } = await fire(() => 0);

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    console.info(
      `[reliability] ${REQUESTS.toLocaleString('en-US')} concurrent requests, no sleep: ${seconds.toFixed(2)} s ` +
        `(${Math.round(REQUESTS / seconds).toLocaleString('en-US')} requests/s, one connection each)`,
    );
  });
});
