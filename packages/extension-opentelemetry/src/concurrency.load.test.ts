import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { startHost, type Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTracedApp } from './testSupport/installTracedApp.js';
import { registerTracing, traceParent } from './testSupport/tracing.js';

// 1,000 requests at once through the dev host, each from a trace of its own, each handler yielding a different
// number of times before it reads the span current in its async context. A span that leaked into another
// invocation, or a context that crossed, would show as a response or a span in the wrong trace.
const REQUESTS = 1_000;
const tracing = registerTracing();

interface Answer {
  readonly status: number;
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
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe(`${REQUESTS.toLocaleString('en-US')} concurrent traced requests`, () => {
  const app = installTracedApp('latest');
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: app.dir });
  });
  afterAll(async () => {
    await host.close();
    agent.destroy();
    app.remove();
  });

  it('give each invocation its own span, in its own trace, current only in its own handler', { timeout: 120_000 }, async () => {
    const traceIds = Array.from({ length: REQUESTS }, () => randomBytes(16).toString('hex'));
    const answers = await Promise.all(
      traceIds.map((traceId, index) =>
        get(`${host.url}/api/greetings/n${String(index)}?turns=${String(index % 7)}`, {
          traceparent: traceParent(traceId, randomBytes(8).toString('hex')),
        }),
      ),
    );
    const spans = await tracing.finishedSpans();
    // Map.groupBy is Node 21+.
    const spansByTrace = new Map<string, typeof spans>();
    for (const span of spans) {
      const traceId = span.spanContext().traceId;
      spansByTrace.set(traceId, [...(spansByTrace.get(traceId) ?? []), span]);
    }

    const problems: string[] = [];
    answers.forEach((answer, index) => {
      const traceId = traceIds[index] ?? '';
      const seen = answer.status === 200 ? (JSON.parse(answer.body) as { activeSpan: { traceId: string; spanId: string } | null; hostTraceParent: string }) : undefined;
      const own = spansByTrace.get(traceId) ?? [];
      const span = own[0];
      const ok =
        seen?.activeSpan?.traceId === traceId &&
        own.length === 1 &&
        span?.spanContext().spanId === seen.activeSpan.spanId &&
        span.parentSpanContext?.spanId === seen.hostTraceParent.split('-')[2] &&
        span.attributes['url.path'] === `/api/greetings/n${String(index)}` &&
        span.ended;
      if (!ok) problems.push(`#${String(index)}: ${String(answer.status)} ${answer.body} | ${String(own.length)} span(s)`);
    });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(spans).toHaveLength(REQUESTS);
    expect(new Set(spans.map((span) => span.attributes['faas.invocation.id'])).size).toBe(REQUESTS);
  });
});
