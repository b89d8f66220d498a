import { afterEach, beforeEach } from 'vitest';
import { resetExtensions } from '../testing/resetExtensions.js';

/** Every test starts with no extension configured and the disable setting unset, and leaves it so. */
export function useFreshRegistry(): void {
  const reset = (): void => {
    resetExtensions();
    delete process.env.AZFX_EXTENSIONS_DISABLED;
  };
  beforeEach(reset);
  afterEach(reset);
}

/** Collects what hooks did, in order, so a test can compare the whole sequence at once. */
export function recorder(): { events: string[]; record: (event: string) => void } {
  const events: string[] = [];
  return { events, record: (event) => events.push(event) };
}

/** Resolves after a macrotask: lets an async hook really yield, so ordering is tested across awaits. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
