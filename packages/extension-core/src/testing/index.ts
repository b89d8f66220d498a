/**
 * Test support for extension authors: drive the SDK's native hooks without a Functions host. Outside a worker the
 * library registers no hook (it runs in "test mode"), so tests call these directly.
 */
export { nativeHooks } from '../nativeHooks.js';
export { resetExtensions } from './resetExtensions.js';
export { runInvocation } from './runInvocation.js';
export type { InvocationLog, InvocationOutcome, RunInvocationOptions } from './runInvocation.js';
