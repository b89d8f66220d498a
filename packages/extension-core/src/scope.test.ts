import { describe, expect, it } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { describeScope, normalizeScope, scopeSelects, type Scope } from './scope.js';
import { recorder, useFreshRegistry } from './test-support/recorder.js';
import { runInvocation } from './testing/runInvocation.js';

useFreshRegistry();

function selects(scope: Scope, functionName: string, triggerType: string): boolean {
  return scopeSelects(normalizeScope('x', scope), functionName.toLowerCase(), triggerType.toLowerCase(), {
    functionName,
    triggerType,
  });
}

describe('scope matching', () => {
  it('app scope selects every function', () => {
    expect(selects('app', 'anything', 'timerTrigger')).toBe(true);
  });

  it('matches function names and trigger types case-insensitively', () => {
    expect(selects({ functions: 'HttpTrigger' }, 'httptrigger', 'httpTrigger')).toBe(true);
    expect(selects({ functions: ['a', 'B'] }, 'b', 'httpTrigger')).toBe(true);
    expect(selects({ functions: ['a', 'B'] }, 'c', 'httpTrigger')).toBe(false);
    expect(selects({ triggers: 'TIMERTRIGGER' }, 'tick', 'timerTrigger')).toBe(true);
    expect(selects({ triggers: 'httpTrigger' }, 'tick', 'timerTrigger')).toBe(false);
  });

  it('combines criteria with AND', () => {
    const scope: Scope = { functions: ['a', 'b'], triggers: 'httpTrigger', when: (fn) => fn.functionName !== 'b' };
    expect(selects(scope, 'a', 'httpTrigger')).toBe(true);
    expect(selects(scope, 'a', 'timerTrigger')).toBe(false);
    expect(selects(scope, 'b', 'httpTrigger')).toBe(false);
  });

  it('gives the predicate the function name as registered and the trigger type', () => {
    const seen: unknown[] = [];
    selects({ when: (fn) => seen.push(fn) > 0 }, 'MyFunction', 'queueTrigger');
    expect(seen).toEqual([{ functionName: 'MyFunction', triggerType: 'queueTrigger' }]);
  });

  it('describes scopes for the start-up line', () => {
    expect(describeScope(normalizeScope('x', 'app'))).toBe('app');
    expect(describeScope(normalizeScope('x', { functions: 'HttpTrigger' }))).toBe('function: HttpTrigger');
    expect(describeScope(normalizeScope('x', { functions: ['a', 'b'], triggers: 'httpTrigger', when: () => true }))).toBe(
      'function: a, b; trigger: httpTrigger; when',
    );
  });
});

describe('scope validation', () => {
  it.each([
    ['function', () => true, `Extension "x": scope must be 'app' or { functions?, triggers?, when? }, but got a function.`],
    ['string', 'everything', `Extension "x": scope must be 'app' or { functions?, triggers?, when? }, but got "everything" (string).`],
    ['empty object', {}, `Extension "x": scope selects no function: give functions, triggers or when (or use 'app' for every function).`],
    ['typo', { function: 'a' }, 'Extension "x": scope has an unknown key "function". Did you mean "functions"? Known keys: functions, triggers, when.'],
    ['empty list', { functions: [] }, 'Extension "x": scope "functions" must be a name or a non-empty list of names, but got [] (array).'],
    ['blank name', { triggers: ' ' }, 'Extension "x": scope "triggers" must be a name or a non-empty list of names, but got " " (string).'],
    ['non-function when', { when: true }, 'Extension "x": scope "when" must be a function (fn) => boolean, but got true (boolean).'],
  ])('rejects a %s with a message', (_case, scope, message) => {
    expect(() => normalizeScope('x', scope)).toThrow(message);
  });
});

describe('scopes at run time', () => {
  it('runs a function-scope extension only for its functions; configure() may override the default scope', async () => {
    const { events, record } = recorder();
    const audit = defineExtension({
      name: 'audit',
      scope: { functions: 'orders' },
      preInvocation(ctx) {
        record(`audit:${ctx.functionName}`);
      },
    });
    audit.configure();

    await runInvocation({ functionName: 'Orders' });
    await runInvocation({ functionName: 'users' });
    audit.configure({}, { scope: { triggers: 'timerTrigger' } });
    await runInvocation({ functionName: 'orders', triggerType: 'httpTrigger' });
    await runInvocation({ functionName: 'nightly', triggerType: 'timerTrigger' });
    audit.configure();
    await runInvocation({ functionName: 'orders' });

    expect(events).toEqual(['audit:Orders', 'audit:nightly', 'audit:orders']);
  });

  it('re-plans when the same function name shows up with another trigger type', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'httpOnly',
      scope: { triggers: 'httpTrigger' },
      preInvocation(ctx) {
        record(ctx.triggerType);
      },
    }).configure();

    await runInvocation({ functionName: 'same', triggerType: 'httpTrigger' });
    await runInvocation({ functionName: 'same', triggerType: 'timerTrigger' });
    await runInvocation({ functionName: 'same', triggerType: 'httpTrigger' });

    expect(events).toEqual(['httpTrigger', 'httpTrigger']);
  });

  it('calls a predicate once per function, not once per invocation', async () => {
    let calls = 0;
    defineExtension({
      name: 'predicate',
      scope: {
        when: () => {
          calls++;
          return true;
        },
      },
      preInvocation: () => undefined,
    }).configure();

    for (let i = 0; i < 5; i++) await runInvocation({ functionName: 'f' });

    expect(calls).toBe(1);
  });
});
