/**
 * One option of an extension's option schema, built with `option.*`. `T` is the resolved type; `HasDefault` tells
 * the types whether an omitted option resolves to `T` (it has a default) or to `T | undefined`.
 */
export interface Option<T, HasDefault extends boolean = boolean> {
  readonly kind: string;
  readonly hasDefault: HasDefault;
  /** The default as written in the definition; `defineExtension` resolves it through `parse`. */
  readonly default: unknown;
  /** What a valid value looks like, for error messages: "a boolean", "a number of at least 0". */
  readonly expected: string;
  /** Turns a customer-supplied value into the resolved value, or throws an `InvalidOptionValue`. */
  parse(value: unknown): T;
}

/** The `options` of an extension definition: option names to `option.*` builders. */
export type OptionsSchema = Record<string, Option<unknown>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The resolved options a schema describes: options with a default are `T`, the others `T | undefined`. */
export type ResolvedOptions<Schema extends OptionsSchema> = Simplify<{
  [K in keyof Schema]: Schema[K] extends Option<infer T, infer HasDefault>
    ? HasDefault extends true
      ? T
      : T | undefined
    : never;
}>;

// A string list accepts a single string as well as a list; everything else takes its resolved type.
type InputValue<T> = T extends string[] ? string | readonly string[] : T;

/**
 * What `configure()` accepts: every option optional, `undefined` meaning "use the default". An extension without
 * options accepts only `{}` (a plain `{}` type would accept any object).
 */
export type OptionsInput<Options> = [keyof Options] extends [never]
  ? Record<string, never>
  : Simplify<{ [K in keyof Options]?: InputValue<Options[K]> | undefined }>;
