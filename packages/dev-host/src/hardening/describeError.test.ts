import { describe, expect, it } from 'vitest';
import { describeError } from '../worker/loader/loadEntryPoints.js';

// App code can throw anything. The host describes every failure in its log (`Result: Failure`, load errors,
// appTerminate errors); a value that throws again when read must not turn into a failure of the host itself, such
// as a rejected host.invoke() or an unhandled rejection behind a timer or a manual run.
describe('describeError', () => {
  it.each([
    [
      'an Error whose stack getter throws',
      (() => {
        const error = new Error('hidden');
        Object.defineProperty(error, 'stack', {
          get: () => {
            throw new Error('no stack');
          },
        });
        return error;
      })(),
    ],
    [
      'an object whose toJSON and toString throw',
      {
        toJSON: () => {
          throw new Error('no JSON');
        },
        toString: () => {
          throw new Error('no text');
        },
      },
    ],
    [
      'a Proxy whose every trap throws',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          getPrototypeOf: () => {
            throw new Error('trap');
          },
        },
      ),
    ],
  ])('never throws for %s', (_name, value) => {
    expect(describeError(value)).toBe('a thrown value that cannot be turned into text');
  });

  it('describes what it can: stacks, strings, JSON, and the values JSON has no text for', () => {
    expect(describeError(new TypeError('bad'))).toMatch(/^TypeError: bad\n\s+at /);
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ code: 42 })).toBe('{"code":42}');
    expect(describeError(Symbol('sym'))).toBe('Symbol(sym)');
    expect(describeError(() => 1)).toBe('() => 1');
  });
});
