import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { listExtensions } from './listExtensions.js';
import { option } from './options/option.js';
import { recorder, useFreshRegistry } from './test-support/recorder.js';
import { runInvocation } from './testing/runInvocation.js';

useFreshRegistry();

// console.warn is already a spy (see quietLibraryTestMode.ts): it records the library's test-mode lines too.
const consoleWarn = vi.mocked(console.warn);
beforeEach(() => {
  consoleWarn.mockClear();
});

function warnings(pattern: RegExp): string[] {
  return consoleWarn.mock.calls.map((call) => String(call[0])).filter((line) => pattern.test(line));
}

describe('configure()', () => {
  it('registers on the first call and runs init once; later calls only replace the options', () => {
    const { events, record } = recorder();
    const ext = defineExtension({
      name: 'once',
      options: { level: option.number({ default: 1 }) },
      init(ctx) {
        record(`init level=${ctx.options.level}`);
      },
    });

    expect(ext.isConfigured).toBe(false);
    expect(ext.configure({ level: 2 })).toBe(ext);
    ext.configure({ level: 3 });

    expect(ext.isConfigured).toBe(true);
    expect(ext.options.level).toBe(3);
    expect(events).toEqual(['init level=2']);
    expect(listExtensions().map((info) => info.name)).toEqual(['once']);
  });

  it('never registers twice: a repeated configure() does not double the hooks', async () => {
    const { events, record } = recorder();
    const ext = defineExtension({
      name: 'counted',
      preInvocation() {
        record('pre');
      },
    });
    ext.configure();
    ext.configure();
    ext.configure();

    await runInvocation();

    expect(events).toEqual(['pre']);
  });

  it('treats a twin definition (the same extension from another build or copy of its package) as the same extension', async () => {
    const { events, record } = recorder();
    // Two evaluations of one source, as the ES module and CommonJS builds of a package are.
    const load = () =>
      defineExtension({
        name: 'twin',
        options: { label: option.string({ default: 'default' }) },
        preInvocation(ctx) {
          record(`pre ${ctx.options.label}`);
        },
      });
    const fromEsm = load();
    const fromCjs = load();
    fromEsm.configure();
    fromCjs.configure({ label: 'from the other build' });

    await runInvocation();

    expect(events).toEqual(['pre from the other build']);
    expect(fromEsm.options.label).toBe('from the other build');
    expect(fromCjs.isConfigured).toBe(true);
    expect(listExtensions().map((info) => info.name)).toEqual(['twin']);
    expect(warnings(/already registered/)).toEqual([]);
    fromCjs.dispose();
    expect(fromEsm.isConfigured).toBe(false);
  });

  it('ignores, with a warning naming the extension, a second definition that uses a taken name', async () => {
    const { events, record } = recorder();
    const first = defineExtension({
      name: 'timer',
      preInvocation() {
        record('first');
      },
    });
    const impostor = defineExtension({
      name: 'Timer',
      preInvocation() {
        record('second');
      },
    });
    first.configure();
    impostor.configure();

    await runInvocation();

    expect(events).toEqual(['first']);
    expect(impostor.isConfigured).toBe(false);
    expect(warnings(/\[azfx\]/)).toEqual([
      expect.stringContaining('[azfx] Extension "Timer" is already registered by another definition with the same name'),
    ]);
  });
});

describe('dispose()', () => {
  it('unregisters; a later configure() registers again at the end of the order, with a fresh init and app state', async () => {
    const { events, record } = recorder();
    let made = 0;
    const a = defineExtension({
      name: 'a',
      appState: () => ({ id: ++made }),
      init(ctx) {
        record(`a:init app=${ctx.appState.id}`);
      },
      preInvocation(ctx) {
        record(`a:pre app=${ctx.appState.id}`);
      },
    });
    const b = defineExtension({
      name: 'b',
      preInvocation() {
        record('b:pre');
      },
    });
    a.configure();
    b.configure();

    a.dispose();
    expect(a.isConfigured).toBe(false);
    await runInvocation();
    a.configure();
    await runInvocation();

    expect(events).toEqual(['a:init app=1', 'b:pre', 'a:init app=2', 'b:pre', 'a:pre app=2']);
  });

  it('returns the options to the defaults, and is harmless when not configured', () => {
    const ext = defineExtension({ name: 'x', options: { on: option.boolean({ default: false }) } });
    ext.dispose();
    ext.configure({ on: true });
    ext.dispose();
    expect(ext.options).toEqual({ on: false });
  });
});

describe('defineExtension()', () => {
  it.each([
    ['an empty name', { name: '' }, /"name" must be a non-empty string without commas or whitespace.*but got "" \(string\)/],
    ['a name with a comma', { name: 'a,b' }, /"name" must be a non-empty string/],
    ['the name *', { name: '*' }, /"name" must be a non-empty string/],
    ['a misspelt hook', { name: 'x', preinvocation: () => undefined }, 'Extension "x": unknown definition key "preinvocation". Did you mean "preInvocation"?'],
    ['a hook that is not a function', { name: 'x', postInvocation: 'soon' }, 'Extension "x": "postInvocation" must be a function, but got "soon" (string).'],
    ['options not built with option.*', { name: 'x', options: { on: true } }, 'Extension "x": option "on" must be built with option.* (e.g. option.boolean()), but got true (boolean).'],
    ['a non-boolean failInvocationOnError', { name: 'x', failInvocationOnError: 'yes' }, '"failInvocationOnError" must be a boolean'],
    ['a zero hookTimeoutMs', { name: 'x', hookTimeoutMs: 0 }, 'Extension "x": "hookTimeoutMs" must be a positive number of milliseconds, but got 0 (number).'],
    ['a bad default scope', { name: 'x', scope: 'everywhere' }, `Extension "x": scope must be 'app' or`],
  ])('rejects %s with a message', (_case, definition, message) => {
    expect(() => defineExtension(definition as never)).toThrow(message);
  });

  it('rejects a bad scope or an unknown registration key at configure()', () => {
    const ext = defineExtension({ name: 'x' });
    expect(() => ext.configure({}, { scope: { functions: [] } })).toThrow('Extension "x": scope "functions" must be');
    expect(() => ext.configure({}, { scopes: 'app' } as never)).toThrow('configure() takes only "scope" and "strictScope", but got "scopes". Did you mean "scope"?');
    expect(ext.isConfigured).toBe(false);
  });

  it('calls hooks with the definition as `this`', async () => {
    const seen: unknown[] = [];
    const definition = {
      name: 'self',
      preInvocation(this: unknown) {
        seen.push(this);
      },
    };
    defineExtension(definition).configure();

    await runInvocation();

    expect(seen).toEqual([definition]);
  });
});
