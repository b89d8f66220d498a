/**
 * The configurations the dispatch benchmark compares. Each one starts from an app with nothing registered, then
 * registers its hooks through the real APIs: `app.hook.*` for native hooks, `defineExtension().configure()` for
 * extensions. Every hook does the same trivial work (it counts its calls, so the benchmark can prove each one
 * ran), and every hook is a distinct function, as the hooks of different extensions are in a real app.
 */

/**
 * @typedef {object} Setup
 * @property {string} name
 * @property {number} hooksPerPhase native hooks the worker runs per phase (pre, post)
 * @property {number} countedCalls counting-hook calls per invocation
 * @property {(result: unknown) => void} [checkResult] throws when the result shows the setup did not work
 * @property {() => void} apply
 */

/**
 * @typedef {object} Libraries
 * @property {typeof import('@azure/functions').app} app
 * @property {typeof import('@azfx/extension-core').defineExtension} defineExtension
 * @property {() => void} resetExtensions
 * @property {typeof import('@azfx/extension-timer').TimerExtension} TimerExtension
 * @property {(name: string, callback: (context: object) => unknown) => { dispose(): void }} registerCoreHook the worker's
 *   own registration, under the library: its callbacks get the worker's plain context objects, no library wrapper
 */

export const EXTENSION_COUNTS = /** @type {const} */ ([0, 1, 5, 10]);
const MAX_EXTENSIONS = 10;

/** Calls of every counting hook, by slot: what the correctness check reads. */
export const hookCalls = new Float64Array(4 * MAX_EXTENSIONS + 2);

/**
 * A hook with its own code (so V8 sees as many different functions as there are extensions, not one closure).
 * @param {number} slot
 * @returns {(context: unknown) => void}
 */
function countingHook(slot) {
  const make = /** @type {(calls: Float64Array) => (context: unknown) => void} */ (
    new Function('calls', `return function hook${slot}(context) { calls[${slot}]++; };`)
  );
  return make(hookCalls);
}

/**
 * @param {Libraries} libraries
 * @returns {Setup[]}
 */
export function createSetups({ app, defineExtension, resetExtensions, TimerExtension, registerCoreHook }) {
  /** @type {{ dispose(): void }[]} */
  let nativeRegistrations = [];
  const nativePre = Array.from({ length: MAX_EXTENSIONS }, (_, index) => countingHook(index));
  const nativePost = Array.from({ length: MAX_EXTENSIONS }, (_, index) => countingHook(MAX_EXTENSIONS + index));
  const corePre = countingHook(4 * MAX_EXTENSIONS);
  const corePost = countingHook(4 * MAX_EXTENSIONS + 1);
  const noopExtensions = Array.from({ length: MAX_EXTENSIONS }, (_, index) =>
    defineExtension({
      name: `noop-${index}`,
      preInvocation: countingHook(2 * MAX_EXTENSIONS + index),
      postInvocation: countingHook(3 * MAX_EXTENSIONS + index),
    }),
  );

  const clear = () => {
    for (const registration of nativeRegistrations) registration.dispose();
    nativeRegistrations = [];
    resetExtensions();
  };

  /**
   * @param {number} count
   * @returns {Setup}
   */
  const native = (count) => ({
    name: `native ${count}`,
    hooksPerPhase: count,
    countedCalls: 2 * count,
    apply() {
      clear();
      for (let index = 0; index < count; index++) {
        nativeRegistrations.push(
          app.hook.preInvocation(/** @type {import('@azure/functions').PreInvocationHandler} */ (nativePre[index])),
          app.hook.postInvocation(/** @type {import('@azure/functions').PostInvocationHandler} */ (nativePost[index])),
        );
      }
    },
  });

  /**
   * @param {number} count
   * @param {{ disabled?: boolean }} [options]
   * @returns {Setup}
   */
  const sdk = (count, options = {}) => ({
    name: options.disabled ? `sdk ${count}, all disabled` : `sdk ${count}`,
    hooksPerPhase: count === 0 ? 0 : 1,
    countedCalls: options.disabled ? 0 : 2 * count,
    apply() {
      clear();
      // The disable setting is read when an extension registers (and at app start).
      if (options.disabled) process.env.AZFX_EXTENSIONS_DISABLED = '*';
      try {
        for (const extension of noopExtensions.slice(0, count)) extension.configure();
      } finally {
        delete process.env.AZFX_EXTENSIONS_DISABLED;
      }
    },
  });

  /**
   * @param {string} name
   * @param {Parameters<typeof TimerExtension.configure>[0]} options
   * @param {(result: unknown) => void} checkResult
   * @returns {Setup}
   */
  const timer = (name, options, checkResult) => ({
    name,
    hooksPerPhase: 1,
    countedCalls: 0,
    checkResult,
    apply() {
      clear();
      TimerExtension.configure(options);
    },
  });

  /**
   * One pre and one post hook registered straight with the worker's core API, as `app.hook.*` does underneath,
   * but without the library's wrapper (a PreInvocationContext/PostInvocationContext built for every call): what
   * a native hook would cost if the wrapper were free.
   * @type {Setup}
   */
  const coreApiPair = {
    name: 'core API 1 (no library wrapper)',
    hooksPerPhase: 1,
    countedCalls: 2,
    apply() {
      clear();
      nativeRegistrations.push(registerCoreHook('preInvocation', corePre), registerCoreHook('postInvocation', corePost));
    },
  };

  /**
   * The floor under the timer: its own work (two clock readings, the log line through the invocation's logger, a
   * copy of the response with a Server-Timing header) done by hand in one pre and one post hook registered straight
   * with the worker's core API, with no SDK and no library wrapper. No extension can do the timer's job for less.
   * The copy is the cheapest there is for this handler's result (`{ body }`, no headers): `Object.assign` and then
   * a plain header object. Not `{ ...result, headers }`: V8 in Node 20 makes a new hidden class for every spread
   * copy that gains a property (about 300 ns a call), which would put a floor above what the timer pays.
   * @type {Setup}
   */
  const timerFloor = {
    name: "floor: the timer's work by hand on the core API",
    hooksPerPhase: 1,
    countedCalls: 0,
    checkResult: (result) => {
      expectServerTiming(result, true);
      expectBodySuffix(result, false);
    },
    apply() {
      clear();
      const started = Symbol('started');
      nativeRegistrations.push(
        registerCoreHook('preInvocation', (context) => {
          /** @type {{ hookData: Record<symbol, bigint> }} */ (/** @type {unknown} */ (context)).hookData[started] = process.hrtime.bigint();
        }),
        registerCoreHook('postInvocation', (context) => {
          const post = /** @type {{ hookData: Record<symbol, bigint>; invocationContext: import('@azure/functions').InvocationContext; result: { headers?: Record<string, string> } }} */ (
            /** @type {unknown} */ (context)
          );
          const ms = (Number(process.hrtime.bigint() - (post.hookData[started] ?? 0n)) / 1e6).toFixed(3);
          const { functionName, invocationId } = post.invocationContext;
          post.invocationContext.info(`[timer] ${functionName} (invocation ${invocationId}) completed in ${ms} ms`);
          const result = Object.assign({}, post.result);
          result.headers = { 'Server-Timing': `total;dur=${ms}` };
          post.result = result;
        }),
      );
    },
  };

  return [
    ...EXTENSION_COUNTS.map((count) => native(count)),
    coreApiPair,
    timerFloor,
    ...EXTENSION_COUNTS.map((count) => sdk(count)),
    sdk(MAX_EXTENSIONS, { disabled: true }),
    timer('timer', {}, (result) => {
      expectServerTiming(result, true);
      expectBodySuffix(result, false);
    }),
    timer('timer, appendToHttpResponse', { appendToHttpResponse: true }, (result) => {
      expectServerTiming(result, true);
      expectBodySuffix(result, true);
    }),
    timer('timer, no log line, no Server-Timing', { logLevel: 'none', serverTiming: false }, (result) => {
      expectServerTiming(result, false);
      expectBodySuffix(result, false);
    }),
  ];
}

/**
 * @param {unknown} result
 * @param {boolean} expected
 */
function expectServerTiming(result, expected) {
  // As the library reads them: a Headers, or a plain object (or none).
  const init = /** @type {{ headers?: ConstructorParameters<typeof Headers>[0] }} */ (result).headers;
  const value = new globalThis.Headers(init).get('server-timing');
  if ((value !== null && /^total;dur=\d+\.\d{3}$/.test(value)) !== expected) {
    throw new Error(`Expected ${expected ? 'a' : 'no'} Server-Timing header, got ${JSON.stringify(value)}.`);
  }
}

/**
 * @param {unknown} result
 * @param {boolean} expected
 */
function expectBodySuffix(result, expected) {
  const body = /** @type {{ body?: unknown }} */ (result).body;
  if ((typeof body === 'string' && / \(TimeElapsed: \d+\.\d{6} sec\)$/.test(body)) !== expected) {
    throw new Error(`Expected ${expected ? 'a' : 'no'} TimeElapsed suffix, got ${JSON.stringify(body)}.`);
  }
}
