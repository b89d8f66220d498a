import { uninstallNativeHooks } from '../nativeHooks.js';
import { currentRegistry } from '../registry.js';

/**
 * Unregisters every extension and native hook of the current app (the one without a worker, in unit tests), so
 * each test starts from an app with nothing configured. Handles stay usable: their next `configure()` registers
 * them again.
 */
export function resetExtensions(): void {
  const registry = currentRegistry();
  uninstallNativeHooks(registry);
  registry.clear();
}
