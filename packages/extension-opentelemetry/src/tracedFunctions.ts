/** The `include` and `exclude` options, as resolved. */
export interface FunctionSelection {
  readonly include: readonly string[] | undefined;
  readonly exclude: readonly string[] | undefined;
}

// Lower-cased once per configuration: configure() resolves a new options object each time, so the object is the key,
// and an old configuration's sets go when its options are collected.
const lowerCasedSelections = new WeakMap<FunctionSelection, { include?: Set<string>; exclude?: Set<string> }>();

/**
 * Whether a function is traced: every function without `include`, and `exclude` wins over `include`. Names compare
 * case-insensitively, as Azure Functions compares function names.
 */
export function isTraced(functionName: string, selection: FunctionSelection): boolean {
  if (selection.include === undefined && selection.exclude === undefined) return true;
  let sets = lowerCasedSelections.get(selection);
  if (sets === undefined) {
    sets = {};
    if (selection.include !== undefined) sets.include = new Set(selection.include.map((name) => name.toLowerCase()));
    if (selection.exclude !== undefined) sets.exclude = new Set(selection.exclude.map((name) => name.toLowerCase()));
    lowerCasedSelections.set(selection, sets);
  }
  const name = functionName.toLowerCase();
  if (sets.exclude?.has(name) === true) return false;
  return sets.include === undefined || sets.include.has(name);
}
