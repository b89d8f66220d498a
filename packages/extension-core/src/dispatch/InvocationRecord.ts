import type {
  FunctionHandler,
  InvocationContext,
  PostInvocationContext as NativePostInvocationContext,
  PreInvocationContext as NativePreInvocationContext,
} from '@azure/functions';
import type { ExtensionInvocation } from '../contexts/ExtensionInvocation.js';
import type { FunctionPlan } from '../registry.js';

/**
 * Where an invocation's record lives in the native `hookData`: that object is fresh per invocation and shared by
 * its pre and post hooks, so nothing outlives the invocation and concurrent invocations cannot see each other.
 */
const INVOCATION_RECORD = Symbol('azfx.invocation');

export type InvocationPhase = 'preInvocation' | 'handler' | 'postInvocation' | 'done';

/** One invocation as the SDK tracks it between the native pre and post hooks. */
export class InvocationRecord {
  readonly plan: FunctionPlan;
  readonly invocationContext: InvocationContext;
  phase: InvocationPhase = 'preInvocation';
  pre: NativePreInvocationContext;
  post: NativePostInvocationContext | undefined;
  /** Extensions whose pre phase completed, in order: exactly these run their post phase, in reverse. */
  readonly entered: ExtensionInvocation[] = [];
  shortCircuited = false;
  shortCircuitResult: unknown;
  /** A pre-phase fault of an extension with `failInvocationOnError`: the invocation fails with it. */
  failure: Error | undefined;
  // Set while the wrapped handler runs (see aroundHandler.ts).
  handlerInputs: unknown[] | undefined;
  /** What the handler was called with; a wrapper may still replace `handlerInputs` after `next()`. */
  receivedInputs: unknown[] | undefined;
  handlerContext: unknown;
  innerHandler: FunctionHandler | undefined;
  /** Outermost first; may be `entered` itself when every extension that entered wraps the handler. */
  wrappers: ExtensionInvocation[] | undefined;

  constructor(plan: FunctionPlan, pre: NativePreInvocationContext) {
    this.plan = plan;
    this.pre = pre;
    this.invocationContext = pre.invocationContext;
  }
}

type HookData = Record<PropertyKey, unknown>;

export function attachRecord(hookData: Record<string, unknown>, record: InvocationRecord): void {
  (hookData as HookData)[INVOCATION_RECORD] = record;
}

export function findRecord(hookData: Record<string, unknown>): InvocationRecord | undefined {
  return (hookData as HookData)[INVOCATION_RECORD] as InvocationRecord | undefined;
}

/**
 * Forgets the record once the post phase is over. The library keeps the worker's context (and so `hookData`)
 * reachable through WeakMaps until its own context wrappers die, which promotes everything hanging off it out of
 * V8's young generation; dropping the record here lets the collector free it cheaply (measured: several µs per
 * invocation, docs/performance.md).
 */
export function detachRecord(hookData: Record<string, unknown>): void {
  (hookData as HookData)[INVOCATION_RECORD] = undefined;
}
