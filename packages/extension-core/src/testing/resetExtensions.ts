import { uninstallNativeHooks } from '../nativeHooks.js';
import { registry } from '../registry.js';

/**
 * Unregisters every extension and native hook, so each test starts from an app with nothing configured. Handles
 * stay usable: their next `configure()` registers them again.
 */
export function resetExtensions(): void {
  registry.clear();
  uninstallNativeHooks();
}
