import { isPromiseLike, logInvocationFault, settleHook, toInvocationError, type Phase } from '../faults.js';
import type { CorePreInvocationContext, RegisteredExtension } from '../model.js';
import type { Registry } from '../registry.js';
import { wrapHandler } from './aroundHandler.js';
import { attachRecord, ExtensionInvocation, InvocationRecord } from './invocation.js';

type Handler = (...args: unknown[]) => unknown;

/**
 * The SDK's one native preInvocation hook. Runs each extension's pre phase in plan order. It never throws: the
 * worker would skip every post hook, so a pre-phase failure is instead handed to the handler slot (see
 * `finishPreInvocation`). Sync hooks run back to back; the function only turns async at the first hook that
 * returns a promise.
 */
export function dispatchPreInvocation(registry: Registry, native: CorePreInvocationContext): Promise<void> | undefined {
  const invocationContext = native.invocationContext;
  const plan = registry.planFor(invocationContext.functionName, invocationContext.options.trigger.type, invocationContext);
  if (plan.entries.length === 0) return undefined;
  const record = new InvocationRecord(plan, native);
  attachRecord(native.hookData, record);
  return continuePreInvocation(record, 0);
}

function continuePreInvocation(record: InvocationRecord, start: number): Promise<void> | undefined {
  const entries = record.plan.entries;
  for (let index = start; index < entries.length; index++) {
    const entry = entries[index];
    if (entry === undefined) break;
    let invocation: ExtensionInvocation;
    try {
      invocation = new ExtensionInvocation(record, entry);
    } catch (fault) {
      if (preFault(record, entry, 'state', fault)) break;
      continue;
    }
    const hook = entry.ext.preInvocation;
    if (hook !== undefined) {
      let outcome: unknown;
      try {
        outcome = hook.call(entry.ext.definition, invocation);
      } catch (fault) {
        if (preFault(record, entry, 'preInvocation', fault)) break;
        continue;
      }
      if (isPromiseLike(outcome)) return awaitPreInvocation(record, invocation, outcome, index);
    }
    record.entered.push(invocation);
    if (record.shortCircuited) break;
  }
  finishPreInvocation(record);
  return undefined;
}

async function awaitPreInvocation(
  record: InvocationRecord,
  invocation: ExtensionInvocation,
  outcome: PromiseLike<unknown>,
  index: number,
): Promise<void> {
  const ext = invocation.entry.ext;
  try {
    await settleHook(outcome, ext.name, 'preInvocation', ext.hookTimeoutMs, invocation);
  } catch (fault) {
    if (preFault(record, invocation.entry, 'preInvocation', fault)) {
      finishPreInvocation(record);
      return;
    }
    return continuePreInvocation(record, index + 1);
  }
  record.entered.push(invocation);
  if (record.shortCircuited) {
    finishPreInvocation(record);
    return;
  }
  return continuePreInvocation(record, index + 1);
}

/**
 * Logs a pre-phase fault. The faulting extension does not enter the invocation (its post phase will not run) and
 * any `respond()` it made is void. Returns `true` when the fault must fail the invocation, which ends the pre phase.
 */
function preFault(record: InvocationRecord, entry: RegisteredExtension, phase: Phase, fault: unknown): boolean {
  logInvocationFault(record.invocationContext, entry.ext.name, phase, fault);
  record.shortCircuited = false;
  record.shortCircuitResult = undefined;
  if (!entry.ext.failInvocationOnError) return false;
  record.failure = toInvocationError(entry.ext.name, phase, fault);
  return true;
}

/**
 * Puts the outcome of the pre phase into the handler slot, the one place the worker lets a pre hook decide what
 * runs: a failing handler (the post phase sees the error), the short-circuit result, or the wrapped handler.
 */
function finishPreInvocation(record: InvocationRecord): void {
  record.phase = 'handler';
  const native = record.pre;
  if (record.failure !== undefined) {
    native.functionCallback = failWith(record.failure);
  } else if (record.shortCircuited) {
    native.functionCallback = answerWith(record.shortCircuitResult);
  } else if (record.plan.wrapsHandler) {
    const wrappers = enteredWrappers(record);
    if (wrappers.length > 0) native.functionCallback = wrapHandler(record, native.functionCallback, wrappers);
  }
}

/**
 * The extensions that entered and wrap the handler, outermost first. In the common case every planned extension
 * entered, so `entered[i]` is `plan.entries[i]` and the plan already knows which positions wrap; when all of them
 * do, `entered` itself is the list. Only after a pre-phase fault is the list searched.
 */
function enteredWrappers(record: InvocationRecord): ExtensionInvocation[] {
  const { entered, plan } = record;
  if (entered.length !== plan.entries.length) {
    return entered.filter((invocation) => invocation.entry.ext.aroundHandler !== undefined);
  }
  const slots = plan.wrapperSlots;
  if (slots.length === entered.length) return entered;
  const wrappers: ExtensionInvocation[] = [];
  for (const slot of slots) {
    const invocation = entered[slot];
    if (invocation !== undefined) wrappers.push(invocation);
  }
  return wrappers;
}

function failWith(error: Error): Handler {
  return () => {
    throw error;
  };
}

function answerWith(result: unknown): Handler {
  return () => result;
}
