/** The timer's per-function opt-in (`include`) and opt-out (`exclude`) lists, as resolved options. */
export interface FunctionSelection {
  readonly include: readonly string[] | undefined;
  readonly exclude: readonly string[] | undefined;
}

/**
 * Whether the timer measures this function. No `include` list means every function; `exclude` wins over
 * `include`. Function names compare case-insensitively, as Azure Functions treats them.
 */
export function isMeasured(functionName: string, selection: FunctionSelection): boolean {
  const name = functionName.toLowerCase();
  const listed = (list: readonly string[]) => list.some((entry) => entry.toLowerCase() === name);
  if (selection.exclude !== undefined && listed(selection.exclude)) return false;
  return selection.include === undefined || listed(selection.include);
}
