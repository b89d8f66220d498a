import type { CompiledExtension } from './compileDefinition.js';
import type { NormalizedScope } from './scope.js';

/** A configured extension: its definition plus what the customer chose and what the app has made of it. */
export class RegisteredExtension {
  readonly ext: CompiledExtension;
  /** The handle that registered it: a second definition with the same name is a different owner. */
  readonly owner: object;
  options: Readonly<Record<string, unknown>>;
  scope: NormalizedScope;
  disabled = false;
  readonly appState: unknown;
  /** Set once `init` has been started; `initDone` settles when it has finished (faults are already logged). */
  initStarted = false;
  initDone: Promise<void> | undefined;

  constructor(ext: CompiledExtension, owner: object, options: Readonly<Record<string, unknown>>, scope: NormalizedScope) {
    this.ext = ext;
    this.owner = owner;
    this.options = options;
    this.scope = scope;
    this.appState = ext.createAppState?.();
  }
}
