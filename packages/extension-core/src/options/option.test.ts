import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { ExtensionConfigurationError } from '../errors.js';
import { useFreshRegistry } from '../test-support/recorder.js';
import { option } from './option.js';

useFreshRegistry();

const timer = defineExtension({
  name: 'timer',
  options: {
    appendToHttpResponse: option.boolean({ default: false }),
    slowThresholdMs: option.number({ min: 0 }),
    retries: option.number({ integer: true, min: 1, max: 5, default: 3 }),
    ratio: option.number({ max: 1 }),
    serverTimingName: option.string({ default: 'total', pattern: /^[\w-]+$/ }),
    label: option.string({ minLength: 1 }),
    include: option.stringList(),
    exclude: option.stringList({ default: 'health' }),
    mode: option.oneOf(['a', 'b'] as const, { default: 'a' }),
    level: option.oneOf([1, 2, 3]),
    custom: option.custom<(name: string) => boolean>({ expected: 'a function', check: (v) => typeof v === 'function' }),
  },
});

function configureError(options: Record<string, unknown>): ExtensionConfigurationError {
  try {
    timer.configure(options);
  } catch (error) {
    if (error instanceof ExtensionConfigurationError) return error;
    throw error;
  }
  throw new Error('configure() accepted the options');
}

describe('resolved options', () => {
  it('are the defaults before configure(), undefined where there is no default', () => {
    expect(timer.options).toEqual({
      appendToHttpResponse: false,
      slowThresholdMs: undefined,
      retries: 3,
      ratio: undefined,
      serverTimingName: 'total',
      label: undefined,
      include: undefined,
      exclude: ['health'],
      mode: 'a',
      level: undefined,
      custom: undefined,
    });
  });

  it('take what configure() was given, a single string becoming a list', () => {
    const custom = (name: string): boolean => name === 'x';
    timer.configure({ appendToHttpResponse: true, include: 'HttpTrigger', exclude: ['a', 'b'], level: 2, custom });

    expect(timer.options).toMatchObject({
      appendToHttpResponse: true,
      include: ['HttpTrigger'],
      exclude: ['a', 'b'],
      level: 2,
      custom,
      retries: 3,
    });
  });

  it('resolve over the defaults on every call, not over the previous options', () => {
    timer.configure({ slowThresholdMs: 100, mode: 'b' });
    timer.configure({ appendToHttpResponse: true });

    expect(timer.options).toMatchObject({ slowThresholdMs: undefined, mode: 'a', appendToHttpResponse: true });
  });

  it('treat undefined as "use the default"', () => {
    timer.configure({ retries: undefined, serverTimingName: undefined });
    expect(timer.options).toMatchObject({ retries: 3, serverTimingName: 'total' });
  });

  it('are frozen, and copy lists so later changes to the caller array do not leak in', () => {
    const include = ['a'];
    timer.configure({ include });
    include.push('b');

    expect(Object.isFrozen(timer.options)).toBe(true);
    expect(timer.options.include).toEqual(['a']);
  });
});

describe('configure() rejects a wrong value with the extension, the option and what was expected', () => {
  it.each([
    [{ appendToHttpResponse: 'yes' }, 'appendToHttpResponse', 'Extension "timer": option "appendToHttpResponse" must be a boolean, but got "yes" (string).'],
    [{ slowThresholdMs: -1 }, 'slowThresholdMs', 'Extension "timer": option "slowThresholdMs" must be a number of at least 0, but got -1 (number).'],
    [{ slowThresholdMs: '100' }, 'slowThresholdMs', 'Extension "timer": option "slowThresholdMs" must be a number of at least 0, but got "100" (string).'],
    [{ slowThresholdMs: Number.NaN }, 'slowThresholdMs', 'must be a number of at least 0, but got NaN (number).'],
    [{ retries: 2.5 }, 'retries', 'Extension "timer": option "retries" must be an integer from 1 to 5, but got 2.5 (number).'],
    [{ retries: 9 }, 'retries', 'must be an integer from 1 to 5, but got 9 (number).'],
    [{ ratio: 2 }, 'ratio', 'option "ratio" must be a number of at most 1, but got 2 (number).'],
    [{ serverTimingName: 'a b' }, 'serverTimingName', 'option "serverTimingName" must be a string matching /^[\\w-]+$/, but got "a b" (string).'],
    [{ label: '' }, 'label', 'option "label" must be a string of at least 1 character, but got "" (string).'],
    [{ include: ['a', 1] }, 'include', `option "include" must be a string or a list of strings, but got [ 'a', 1 ] (array).`],
    [{ include: null }, 'include', 'option "include" must be a string or a list of strings, but got null.'],
    [{ mode: 'c' }, 'mode', 'option "mode" must be one of "a", "b", but got "c" (string).'],
    [{ level: '1' }, 'level', 'option "level" must be one of 1, 2, 3, but got "1" (string).'],
    [{ custom: 'not a function' }, 'custom', 'option "custom" must be a function, but got "not a function" (string).'],
  ])('%j', (options, optionName, message) => {
    const error = configureError(options);
    expect(error.message).toContain(message);
    expect(error).toMatchObject({ name: 'ExtensionConfigurationError', extension: 'timer', option: optionName });
  });

  it('names an unknown option, suggests the closest known one and lists them all', () => {
    const error = configureError({ appendToHttpRespons: true });
    expect(error.message).toBe(
      'Extension "timer": unknown option "appendToHttpRespons". Did you mean "appendToHttpResponse"? Known options: ' +
        'appendToHttpResponse, slowThresholdMs, retries, ratio, serverTimingName, label, include, exclude, mode, level, custom.',
    );
    expect(error.option).toBe('appendToHttpRespons');
  });

  it('does not suggest a name that is nothing alike', () => {
    expect(configureError({ zzzzzzzz: 1 }).message).not.toContain('Did you mean');
  });

  it.each([
    ['a string', 'fast', 'configure() takes an object of options, but got "fast" (string).'],
    ['null', null, 'configure() takes an object of options, but got null.'],
    ['an array', [true], 'configure() takes an object of options, but got [ true ] (array).'],
  ])('rejects %s instead of an options object', (_case, options, message) => {
    expect(() => {
      timer.configure(options as never);
    }).toThrow(`Extension "timer": ${message}`);
  });

  it('leaves the extension unregistered and unchanged when the options are rejected', () => {
    expect(() => timer.configure({ retries: 0 })).toThrow(ExtensionConfigurationError);
    expect(timer.isConfigured).toBe(false);

    timer.configure({ retries: 4 });
    expect(() => timer.configure({ retries: 0 })).toThrow(ExtensionConfigurationError);
    expect(timer.options.retries).toBe(4);
  });

  it('tells an extension without options that it takes none', () => {
    const bare = defineExtension({ name: 'bare' });
    expect(() => bare.configure({ verbose: true } as never)).toThrow('Extension "bare" takes no options, but got "verbose".');
  });
});

describe('option builders', () => {
  it('check their defaults when the extension is defined', () => {
    expect(() => defineExtension({ name: 'bad', options: { n: option.number({ min: 1, default: 0 }) } })).toThrow(
      'Extension "bad": the default of option "n" must be a number of at least 1, but got 0 (number).',
    );
  });

  it('reject contradictory or missing configuration when built', () => {
    expect(() => option.number({ min: 2, max: 1 })).toThrow('option.number: min (2) is greater than max (1).');
    expect(() => option.oneOf([])).toThrow('option.oneOf: pass a non-empty list');
    expect(() => option.custom({} as never)).toThrow('option.custom: pass { expected');
  });

  it('test a global pattern from the start every time', () => {
    const name = option.string({ pattern: /^a+$/g });
    expect(name.parse('aaa')).toBe('aaa');
    expect(name.parse('aaa')).toBe('aaa');
  });

  it('report a custom check that throws as an invalid value', () => {
    const url = option.custom<URL>({
      expected: 'a URL',
      check: (value) => new URL(String(value)).protocol === 'https:',
    });
    expect(() => url.parse('nope')).toThrow(/must be a URL \(its check threw: TypeError.*\), but got "nope" \(string\)/);
  });
});

describe('validateOptions, the options as a whole', () => {
  const Ranged = defineExtension({
    name: 'ranged',
    options: { min: option.number({ default: 0 }), max: option.number() },
    validateOptions({ min, max }) {
      return max !== undefined && max < min ? `"max" (${String(max)}) must not be below "min" (${String(min)}).` : undefined;
    },
  });

  it('refuses a combination with the message it returns, naming the extension, and changes nothing', () => {
    Ranged.configure({ min: 1, max: 5 });
    expect(() => Ranged.configure({ min: 10, max: 5 })).toThrow(
      new ExtensionConfigurationError('ranged', undefined, 'Extension "ranged": "max" (5) must not be below "min" (10).'),
    );
    expect(Ranged.options).toEqual({ min: 1, max: 5 });
  });

  it('reports a validateOptions that throws, or returns something else, as the definition\'s mistake', () => {
    const throwing = defineExtension({
      name: 'throwing',
      validateOptions() {
        throw new Error('cannot tell');
      },
    });
    expect(() => throwing.configure()).toThrow('Extension "throwing": validateOptions() threw: cannot tell');
    const odd = defineExtension({ name: 'odd', validateOptions: () => 42 as unknown as string });
    expect(() => odd.configure()).toThrow('Extension "odd": validateOptions() must return a string or undefined, but returned 42');
    expect(() => defineExtension({ name: 'bad', validateOptions: 'no' as never })).toThrow('"validateOptions" must be a function');
  });
});
