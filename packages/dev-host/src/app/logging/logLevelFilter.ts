import type { LogLevel, LogRecord } from './LogRecord.js';

const severity: Record<LogLevel, number> = { trace: 0, debug: 1, information: 2, warning: 3, error: 4, critical: 5, none: 6 };

/** The category the host logs a record under: `Function.<name>.User` for the app's own logs, and so on. */
export function hostCategoryOf(record: LogRecord): string | undefined {
  if (record.functionName !== undefined) {
    return record.source === 'worker' && record.category === 'user' ? `Function.${record.functionName}.User` : `Function.${record.functionName}`;
  }
  if (record.source === 'worker' && record.category === 'user') {
    // Console output and logs outside an invocation.
    return 'Host.Function.Console';
  }
  return undefined;
}

/**
 * host.json `logging.logLevel` as ASP.NET Core's logger filter applies it: the rule of the longest category prefix
 * ("Function" covers "Function.hello.User"), else "default". Records the host logs under no category (the start-up
 * listing, request lines) are Core Tools' own output and always pass.
 */
export function passesLogLevels(levels: Readonly<Record<string, string>>, record: LogRecord): boolean {
  const category = hostCategoryOf(record);
  if (category === undefined) {
    return true;
  }
  const lower = category.toLowerCase();
  let best: { length: number; level: string } | undefined;
  let fallback: string | undefined;
  for (const [rule, level] of Object.entries(levels)) {
    const key = rule.toLowerCase();
    if (key === 'default') {
      fallback = level;
    } else if ((lower === key || lower.startsWith(`${key}.`)) && (best === undefined || key.length > best.length)) {
      best = { length: key.length, level };
    }
  }
  const chosen = best?.level ?? fallback;
  if (chosen === undefined) {
    // No rule: the dev host's own defaults (and --verbose) decide.
    return true;
  }
  const minimum = chosen as LogLevel;
  return minimum !== 'none' && severity[record.level] >= severity[minimum];
}
