import { vi } from 'vitest';

// Outside a worker, @azure/functions warns on every hook (un)registration that it is in test mode. Those lines say
// nothing about the behaviour under test, so they are dropped; every other warning still reaches the console.
const warn = console.warn.bind(console);
vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('WARNING: Skipping call to')) return;
  warn(...args);
});
