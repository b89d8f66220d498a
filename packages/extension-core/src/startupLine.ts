import type { DisabledSetting } from './disabled.js';
import type { RegisteredExtension } from './model.js';
import { describeScope } from './scope.js';

/**
 * The one line logged at app start, e.g.
 * `[azfx] Extensions: timer (app), auth (function: HttpTrigger); disabled: none`.
 * Names in the setting that match no registered extension are called out: they are usually typos.
 */
export function startupLine(ordered: readonly RegisteredExtension[], setting: DisabledSetting): string {
  const registered = ordered.map((entry) => `${entry.ext.name} (${describeScope(entry.scope)})`).join(', ');
  const failed = ordered.filter((entry) => entry.initFailed && !entry.disabled).map((entry) => `${entry.ext.name} (init failed)`);
  const bySetting = setting.all ? ['all (*)'] : ordered.filter((entry) => entry.disabled).map((entry) => entry.ext.name);
  const disabled = [...bySetting, ...failed].join(', ');
  const known = new Set(ordered.map((entry) => entry.ext.name.toLowerCase()));
  const unknown = [...setting.names].filter((name) => name !== '*' && !known.has(name));
  const unmatched = unknown.length === 0 ? '' : `; AZFX_EXTENSIONS_DISABLED names no registered extension: ${unknown.join(', ')}`;
  return `[azfx] Extensions: ${registered === '' ? 'none' : registered}; disabled: ${disabled === '' ? 'none' : disabled}${unmatched}`;
}
