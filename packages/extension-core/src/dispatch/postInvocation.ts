import { isPromiseLike, logInvocationFault, settleHook, toInvocationError } from '../faults.js';
import type { CorePostInvocationContext } from '../model.js';
import { detachRecord, findRecord, type ExtensionInvocation, type InvocationRecord } from './invocation.js';

type PostPhase = 'onError' | 'postInvocation';

/**
 * The SDK's one native postInvocation hook: runs the post phase of the extensions that entered the invocation, in
 * reverse order; for each, `onError` (only while an error is present) and then `postInvocation`. The error and
 * result live on the native context, so what one extension changes the next (outer) one sees, and the worker
 * uses the final values. Never throws: a fault either is only logged or becomes the invocation's error.
 *
 * Steps are numbered so a resumption after an async hook knows where it was: extension `i` owns steps `2i + 1`
 * (onError) and `2i` (postInvocation), walked from the top down.
 */
export function dispatchPostInvocation(native: CorePostInvocationContext): Promise<void> | undefined {
  const record = findRecord(native.hookData);
  if (record === undefined) return undefined;
  record.phase = 'postInvocation';
  record.post = native;
  return continuePostInvocation(record, record.entered.length * 2 - 1);
}

function continuePostInvocation(record: InvocationRecord, start: number): Promise<void> | undefined {
  const native = record.post;
  for (let step = start; step >= 0; step--) {
    const invocation = record.entered[step >> 1];
    if (invocation === undefined || native === undefined) break;
    const ext = invocation.entry.ext;
    const phase: PostPhase = (step & 1) === 1 ? 'onError' : 'postInvocation';
    const hook = phase === 'onError' ? ext.onError : ext.postInvocation;
    if (hook === undefined) continue;
    if (phase === 'onError' && (native.error === undefined || native.error === null)) continue;
    let outcome: unknown;
    try {
      outcome = hook.call(ext.definition, invocation);
    } catch (fault) {
      postFault(record, invocation, phase, fault);
      continue;
    }
    if (isPromiseLike(outcome)) return awaitPostInvocation(record, invocation, phase, outcome, step);
  }
  record.phase = 'done';
  if (native !== undefined) detachRecord(native.hookData);
  return undefined;
}

async function awaitPostInvocation(
  record: InvocationRecord,
  invocation: ExtensionInvocation,
  phase: PostPhase,
  outcome: PromiseLike<unknown>,
  step: number,
): Promise<void> {
  const ext = invocation.entry.ext;
  try {
    await settleHook(outcome, ext.name, phase, ext.hookTimeoutMs, invocation);
  } catch (fault) {
    postFault(record, invocation, phase, fault);
    // The abandoned onError keeps its context; the extension's postInvocation, still to come, gets a live one.
    if (invocation.abandoned) record.entered[step >> 1] = invocation.successor();
  }
  return continuePostInvocation(record, step - 1);
}

/** Logs a post-phase fault; with `failInvocationOnError` it becomes the invocation's error, seen by outer ones. */
function postFault(record: InvocationRecord, invocation: ExtensionInvocation, phase: PostPhase, fault: unknown): void {
  const ext = invocation.entry.ext;
  logInvocationFault(record.invocationContext, ext.name, phase, fault);
  if (ext.failInvocationOnError && record.post !== undefined) {
    record.post.error = toInvocationError(ext.name, phase, fault);
  }
}
