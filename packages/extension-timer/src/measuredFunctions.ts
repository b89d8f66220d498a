/** The timer's per-function opt-in (`include`) and opt-out (`exclude`) lists, as resolved options. */
export interface FunctionSelection {
  readonly include: readonly string[] | undefined;
  readonly exclude: readonly string[] | undefined;
}

interface LowerCasedSelection {
  readonly include: ReadonlySet<string> | undefined;
  readonly exclude: ReadonlySet<string> | undefined;
}

// The lists lower-cased once per configuration rather than on every invocation. configure() resolves a new options
// object each time it is called, so the object is the key: a new configuration gets its own entry, and an old one's
// goes when its options object is collected.
const lowerCased = new WeakMap<FunctionSelection, LowerCasedSelection>();

/**
 * Whether the timer measures this function. No `include` list means every function; `exclude` wins over
 * `include`. Function names compare case-insensitively, as Azure Functions treats them.
 */
export function isMeasured(functionName: string, selection: FunctionSelection): boolean {
  if (selection.include === undefined && selection.exclude === undefined) return true;
  const { include, exclude } = lowerCasedLists(selection);
  const name = functionName.toLowerCase();
  if (exclude?.has(name) === true) return false;
  return include === undefined || include.has(name);
}

function lowerCasedLists(selection: FunctionSelection): LowerCasedSelection {
  let lists = lowerCased.get(selection);
  if (lists === undefined) {
    lists = { include: lowerCasedSet(selection.include), exclude: lowerCasedSet(selection.exclude) };
    lowerCased.set(selection, lists);
  }
  return lists;
}

function lowerCasedSet(list: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return list === undefined ? undefined : new Set(list.map((entry) => entry.toLowerCase()));
}
