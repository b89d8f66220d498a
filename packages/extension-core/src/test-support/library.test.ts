import * as library from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { runInvocation } from '../testing/runInvocation.js';

// Guards the two-project setup: the lowest project must really run against 4.1.0, the default one against 4.16+.
describe('the @azure/functions copy under test', () => {
  it('is the version this project is meant to run against', () => {
    const hasLogHooks = 'LogHookContext' in library;
    expect(hasLogHooks).toBe(process.env.AZFX_EXPECT_LIBRARY !== '4.1.0');
  });

  it('provides the public test constructors the suite relies on', () => {
    expect(typeof library.InvocationContext).toBe('function');
    expect(typeof library.PreInvocationContext).toBe('function');
    expect(typeof library.PostInvocationContext).toBe('function');
    expect(typeof library.AppStartContext).toBe('function');
  });

  it('is the same copy the SDK source imports (the alias reaches it too)', async () => {
    const outcome = await runInvocation();
    expect(outcome.invocationContext).toBeInstanceOf(library.InvocationContext);
  });
});
