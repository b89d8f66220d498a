/** What an app that uses the timer loads, in the order it loads it. */
export const IMPORT_CHAIN = /** @type {const} */ (['@azure/functions', '@azfx/extension-core', '@azfx/extension-timer']);
