import Module from 'node:module';

type HookName = 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate' | 'log';
type HookCallback = (context: Record<string, unknown>) => unknown;

/**
 * The worker's `@azure/functions-core`, served the way the worker serves it (by wrapping Module.prototype.require),
 * with just what hook registration needs, and the worker's invocation sequence over the plain contexts it hands to
 * hooks. For tests of what the SDK registers and of the dispatcher fed by the worker's own contexts.
 */
export class FakeCoreApi {
  readonly hooks: Record<HookName, HookCallback[]> = { preInvocation: [], postInvocation: [], appStart: [], appTerminate: [], log: [] };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, and called with its `this`
  readonly #originalRequire = Module.prototype.require;

  /** Serves this object as `@azure/functions-core` until `remove()`. */
  install(): this {
    const original = this.#originalRequire;
    const api = this.api;
    function requireWithCore(this: NodeJS.Module, id: string): unknown {
      return id === '@azure/functions-core' ? api : original.call(this, id);
    }
    Module.prototype.require = requireWithCore as NodeJS.Require;
    return this;
  }

  remove(): void {
    Module.prototype.require = this.#originalRequire;
  }

  /** What the app registered through `registerFunction`, as the worker keeps it. */
  readonly functions: { metadata: unknown; callback: unknown }[] = [];
  #programmingModel: unknown;

  // A plain object, as the worker's is: its properties can be replaced.
  readonly api = {
    version: '3.10.1',
    setProgrammingModel: (model: unknown): void => {
      this.#programmingModel = model;
    },
    getProgrammingModel: (): unknown => this.#programmingModel,
    registerFunction: (metadata: unknown, callback: unknown): { dispose(): void } => {
      const entry = { metadata, callback };
      this.functions.push(entry);
      return {
        dispose: () => {
          this.functions.splice(this.functions.indexOf(entry), 1);
        },
      };
    },
    registerHook: (name: string, callback: HookCallback): { dispose(): void } => {
      if (!Object.hasOwn(this.hooks, name)) throw new RangeError(`Unknown hook "${name}".`);
      const list = this.hooks[name as HookName];
      list.push(callback);
      return {
        dispose: () => {
          const index = list.indexOf(callback);
          if (index >= 0) list.splice(index, 1);
        },
      };
    },
  };

  get counts(): Record<HookName, number> {
    const counts = {} as Record<HookName, number>;
    for (const [name, list] of Object.entries(this.hooks)) counts[name as HookName] = list.length;
    return counts;
  }

  /**
   * One invocation as the worker runs it: every pre hook with one plain context, the handler slot read back from
   * it, then every post hook with the result or error; each hook awaited in registration order.
   */
  async invoke(
    invocationContext: object,
    inputs: unknown[],
    handler: (...args: unknown[]) => unknown,
  ): Promise<{ result: unknown; error: unknown; inputs: unknown[] }> {
    const hookData: Record<string, unknown> = {};
    const pre: Record<string, unknown> = { hookData, invocationContext, inputs, functionCallback: handler };
    for (const hook of this.hooks.preInvocation) await hook(pre);
    const finalInputs = pre.inputs as unknown[];
    let result: unknown;
    let error: unknown;
    try {
      result = await (pre.functionCallback as (...args: unknown[]) => unknown)(...finalInputs, invocationContext);
    } catch (thrown) {
      error = thrown;
    }
    const post: Record<string, unknown> = { hookData, invocationContext, inputs: finalInputs, result, error };
    for (const hook of this.hooks.postInvocation) await hook(post);
    return { result: post.result, error: post.error, inputs: finalInputs };
  }
}
