import { hookCalls } from './setups.mjs';

/** @typedef {import('./setups.mjs').Setup} Setup */
/** @typedef {import('../support/workerCore.mjs').RegisteredHooks} RegisteredHooks */

/**
 * Proves a configuration does what its name says before it is timed: the worker sees the expected number of
 * native hooks, each counting hook runs once per invocation, and the timer's result carries what it should.
 * @param {Setup} setup
 * @param {RegisteredHooks} hooks
 * @param {(hooks: RegisteredHooks) => Promise<unknown>} invoke
 * @returns {Promise<string>} one line for the report
 */
export async function checkSetup(setup, hooks, invoke) {
  setup.apply();
  const pre = hooks.byName.preInvocation.length;
  const post = hooks.byName.postInvocation.length;
  if (pre !== setup.hooksPerPhase || post !== setup.hooksPerPhase) {
    throw new Error(`${setup.name}: expected ${setup.hooksPerPhase} native hook(s) per phase, found ${pre} pre and ${post} post.`);
  }
  const callsBefore = hookCalls.reduce((sum, calls) => sum + calls, 0);
  const result = await invoke(hooks);
  const calls = hookCalls.reduce((sum, count) => sum + count, 0) - callsBefore;
  if (calls !== setup.countedCalls) {
    throw new Error(`${setup.name}: expected ${setup.countedCalls} hook call(s) per invocation, counted ${calls}.`);
  }
  setup.checkResult?.(result);
  return `${setup.name}: ${pre} native pre + ${post} native post hook(s), ${calls} extension hook call(s) per invocation${setup.checkResult ? ', result checked' : ''}`;
}
