import { describe, expect, it } from 'vitest';
import { elapsedBetween } from './elapsed.js';
import { elapsedLogLine, slowLogLine } from './timerLog.js';

const invocation = {
  functionName: 'HttpTrigger',
  invocationId: '5f0e0c1a-0000-4000-8000-000000000001',
  outcome: 'completed' as const,
  elapsed: elapsedBetween(0n, 1_234_567n),
};

describe('timer log lines', () => {
  it('name the function, the invocation, the outcome and the elapsed milliseconds', () => {
    expect(elapsedLogLine(invocation)).toBe(
      '[timer] HttpTrigger (invocation 5f0e0c1a-0000-4000-8000-000000000001) completed in 1.235 ms',
    );
    expect(elapsedLogLine({ ...invocation, outcome: 'failed' })).toContain(') failed in 1.235 ms');
  });

  it('say how far over the threshold a slow invocation was', () => {
    expect(slowLogLine(invocation, 1)).toBe(
      '[timer] HttpTrigger (invocation 5f0e0c1a-0000-4000-8000-000000000001) was slow: 1.235 ms, ' +
        'above the 1 ms threshold',
    );
  });
});
