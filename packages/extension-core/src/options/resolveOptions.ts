import { ExtensionConfigurationError } from '../errors.js';
import { describeValue } from './describeValue.js';
import { InvalidOptionValue } from './InvalidOptionValue.js';
import { didYouMean } from './suggest.js';
import type { OptionsSchema } from './types.js';

type Resolved = Readonly<Record<string, unknown>>;

/**
 * Resolves what the customer passed to `configure()` over the schema's defaults (never over earlier options: the
 * latest call says everything). Throws an `ExtensionConfigurationError` naming the extension and the option.
 */
export function resolveOptions(extension: string, schema: OptionsSchema, input: unknown): Resolved {
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new ExtensionConfigurationError(
      extension,
      undefined,
      `Extension "${extension}": configure() takes an object of options, but got ${describeValue(input)}.`,
    );
  }
  const given = (input ?? {}) as Record<string, unknown>;
  const known = Object.keys(schema);
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(schema, name)) throw unknownOption(extension, name, known);
  }
  const resolved: Record<string, unknown> = {};
  for (const name of known) {
    const value = given[name];
    resolved[name] = value === undefined ? resolveDefault(extension, schema, name) : parse(extension, schema, name, value);
  }
  return Object.freeze(resolved);
}

/** The options before any `configure()`: every default, checked against its own option. */
export function resolveDefaults(extension: string, schema: OptionsSchema): Resolved {
  const resolved: Record<string, unknown> = {};
  for (const name of Object.keys(schema)) resolved[name] = resolveDefault(extension, schema, name);
  return Object.freeze(resolved);
}

function resolveDefault(extension: string, schema: OptionsSchema, name: string): unknown {
  const spec = schema[name];
  if (spec?.hasDefault !== true) return undefined;
  try {
    return spec.parse(spec.default);
  } catch (error) {
    if (!(error instanceof InvalidOptionValue)) throw error;
    throw new ExtensionConfigurationError(
      extension,
      name,
      `Extension "${extension}": the default of option "${name}" ${error.message}.`,
    );
  }
}

function parse(extension: string, schema: OptionsSchema, name: string, value: unknown): unknown {
  try {
    return schema[name]?.parse(value);
  } catch (error) {
    if (!(error instanceof InvalidOptionValue)) throw error;
    throw new ExtensionConfigurationError(extension, name, `Extension "${extension}": option "${name}" ${error.message}.`);
  }
}

function unknownOption(extension: string, name: string, known: readonly string[]): ExtensionConfigurationError {
  const message =
    known.length === 0
      ? `Extension "${extension}" takes no options, but got "${name}".`
      : `Extension "${extension}": unknown option "${name}".${didYouMean(name, known)} Known options: ${known.join(', ')}.`;
  return new ExtensionConfigurationError(extension, name, message);
}
