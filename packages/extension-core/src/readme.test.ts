import { beforeEach, expect, it } from 'vitest';
import { defineExtension, option } from './index.js';
import { resetExtensions, runInvocation } from './testing/index.js';

// The README's example, kept compiling and working: what npm shows must be true.
export const RequestLogExtension = defineExtension({
  name: 'request-log',
  options: {
    slowThresholdMs: option.number({ min: 0, default: 1000 }),
    label: option.string({ default: 'request', pattern: /^[\w-]+$/ }),
  },
  state: () => ({ started: 0n }),

  preInvocation(ctx) {
    ctx.state.started = process.hrtime.bigint();
  },

  onError(ctx) {
    ctx.logger.warn(`${ctx.options.label} ${ctx.functionName} failed: ${String(ctx.error)}`);
  },

  postInvocation(ctx) {
    const ms = Number(process.hrtime.bigint() - ctx.state.started) / 1e6;
    const level = ms > ctx.options.slowThresholdMs ? 'warn' : 'info';
    ctx.logger[level](`${ctx.options.label} ${ctx.functionName} took ${ms.toFixed(1)} ms`);
  },
});

beforeEach(resetExtensions);

it('logs the elapsed time', async () => {
  RequestLogExtension.configure();
  const outcome = await runInvocation({ functionName: 'orders', handler: () => 'ok' });
  expect(outcome.logs.at(-1)?.message).toMatch(/request orders took/);
});

it('rejects a wrong option with the message the README shows', () => {
  expect(() => RequestLogExtension.configure({ slowThresholdMs: 'fast' as unknown as number })).toThrow(
    'Extension "request-log": option "slowThresholdMs" must be a number of at least 0, but got "fast" (string).',
  );
});

it('logs a failure at warning level, then the time', async () => {
  RequestLogExtension.configure({ slowThresholdMs: 0, label: 'req' });
  const outcome = await runInvocation({
    functionName: 'orders',
    handler: () => {
      throw new Error('nope');
    },
  });
  expect(outcome.logs.map((log) => log.level)).toEqual(['warning', 'warning']);
  expect(outcome.logs[0]?.message).toBe('req orders failed: Error: nope');
});
