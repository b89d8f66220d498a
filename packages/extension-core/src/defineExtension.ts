import { compileDefinition } from './compileDefinition.js';
import { startInit } from './dispatch/appLifecycle.js';
import { ExtensionConfigurationError } from './errors.js';
import { registeredExtension, type CompiledExtension } from './model.js';
import { installNativeHooks } from './nativeHooks.js';
import { describeValue } from './options/describeValue.js';
import { didYouMean } from './options/suggest.js';
import { resolveOptions } from './options/resolveOptions.js';
import type { OptionsInput, OptionsSchema, ResolvedOptions } from './options/types.js';
import { currentRegistry } from './registry.js';
import { normalizeScope, type NormalizedScope } from './scope.js';
import type { Extension, ExtensionDefinition, ExtensionRegistration } from './types.js';

/**
 * Defines an extension once: its name, typed options with defaults, state and hooks. Options and state types are
 * inferred from the definition. The returned handle is what customers import and `configure()`.
 */
// An extension without options resolves to no keys at all, which is exactly what `Record<never, never>` says.
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type
export function defineExtension<Schema extends OptionsSchema = Record<never, never>, S = undefined, A = undefined>(
  definition: ExtensionDefinition<Schema, S, A>,
): Extension<ResolvedOptions<Schema>, S, A> {
  return new ExtensionHandle(compileDefinition(definition)) as unknown as Extension<ResolvedOptions<Schema>, S, A>;
}

class ExtensionHandle implements Extension<Record<string, unknown>> {
  readonly #ext: CompiledExtension;

  constructor(ext: CompiledExtension) {
    this.#ext = ext;
  }

  get name(): string {
    return this.#ext.name;
  }

  get options(): Readonly<Record<string, unknown>> {
    return currentRegistry().findFor(this, this.#ext)?.options ?? this.#ext.defaults;
  }

  get isConfigured(): boolean {
    return currentRegistry().findFor(this, this.#ext) !== undefined;
  }

  configure(options?: OptionsInput<Record<string, unknown>>, registration?: ExtensionRegistration): this {
    const ext = this.#ext;
    const registry = currentRegistry();
    const sameName = registry.findByName(ext.name);
    // The same extension loaded twice (its package's ES module and CommonJS builds, or the same version installed
    // twice) is one extension: either handle configures it.
    if (sameName !== undefined && sameName.owner !== this && sameName.ext.fingerprint !== ext.fingerprint) {
      console.warn(
        `[azfx] Extension "${ext.name}" is already registered by another definition with the same name; ` +
          `this configure() call is ignored. Is the package installed twice, or two extensions share a name?`,
      );
      return this;
    }
    // Everything is validated before anything changes: a rejected configure() leaves the extension as it was.
    const resolved = resolveOptions(ext.name, ext.schema, options);
    checkOptionsAsAWhole(ext, resolved);
    const scope = resolveScope(ext, registration);
    const strictScope = resolveStrictScope(ext, registration);
    if (sameName !== undefined) {
      sameName.options = resolved;
      sameName.scope = scope;
      sameName.strictScope = strictScope;
      registry.changed();
      return this;
    }
    const entry = registeredExtension(ext, this, resolved, scope);
    entry.strictScope = strictScope;
    registry.add(entry);
    installNativeHooks(registry, ext.appTerminate !== undefined);
    startInit(registry, entry);
    return this;
  }

  dispose(): void {
    const registry = currentRegistry();
    const entry = registry.findFor(this, this.#ext);
    if (entry !== undefined) registry.remove(entry);
  }

  get [Symbol.toStringTag](): string {
    return `Extension ${this.#ext.name}`;
  }
}

function checkOptionsAsAWhole(ext: CompiledExtension, resolved: Readonly<Record<string, unknown>>): void {
  if (ext.validateOptions === undefined) return;
  let problem: unknown;
  try {
    problem = ext.validateOptions.call(ext.definition, resolved);
  } catch (fault) {
    problem = `validateOptions() threw: ${fault instanceof Error ? fault.message : describeValue(fault)}`;
  }
  if (problem === undefined) return;
  const text = typeof problem === 'string' ? problem : `validateOptions() must return a string or undefined, but returned ${describeValue(problem)}`;
  throw new ExtensionConfigurationError(ext.name, undefined, `Extension "${ext.name}": ${text}`);
}

function resolveScope(ext: CompiledExtension, registration: ExtensionRegistration | undefined): NormalizedScope {
  if (registration === undefined) return ext.defaultScope;
  // Checked at run time too: JavaScript callers get a message rather than a TypeError from deep inside.
  if ((registration as unknown) === null || typeof registration !== 'object') {
    throw new ExtensionConfigurationError(
      ext.name,
      undefined,
      `Extension "${ext.name}": the second argument of configure() must be { scope, strictScope }, but got ${describeValue(registration)}.`,
    );
  }
  const extra = Object.keys(registration).filter((key) => !registrationKeys.includes(key));
  if (extra.length > 0) {
    const [firstExtra = ''] = extra;
    throw new ExtensionConfigurationError(
      ext.name,
      undefined,
      `Extension "${ext.name}": the second argument of configure() takes only "scope" and "strictScope", but got "${extra.join('", "')}".` +
        didYouMean(firstExtra, registrationKeys),
    );
  }
  return registration.scope === undefined ? ext.defaultScope : normalizeScope(ext.name, registration.scope);
}

const registrationKeys = ['scope', 'strictScope'];

function resolveStrictScope(ext: CompiledExtension, registration: ExtensionRegistration | undefined): boolean {
  const strictScope: unknown = registration?.strictScope;
  if (strictScope === undefined || typeof strictScope === 'boolean') return strictScope === true;
  throw new ExtensionConfigurationError(
    ext.name,
    undefined,
    `Extension "${ext.name}": strictScope must be true or false, but got ${describeValue(strictScope)}. ` +
      'Pass strictScope: true to make a scope that names a function the app does not have fail the app\'s start.',
  );
}
