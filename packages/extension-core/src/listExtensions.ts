import { currentRegistry } from './registry.js';
import type { ExtensionInfo } from './types.js';

/** The registered extensions in pre-invocation order, with their scope, resolved options and disabled flag. */
export function listExtensions(): readonly ExtensionInfo[] {
  return currentRegistry().list();
}
