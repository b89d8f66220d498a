import { Disposable } from './core/Disposable.js';
import { WorkerRangeError, WorkerSystemError } from './core/errors.js';
import type {
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  HookData,
  HookName,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from '../app/coreApiTypes.js';
import type { LogRecord, LogSink } from '../app/logging/LogRecord.js';
import { createLogHookContext } from './hookContexts.js';

export interface RegisteredFunction {
  readonly id: string;
  readonly name: string;
  readonly metadata: FunctionMetadata;
  readonly callback: FunctionCallback;
}

export interface WorkerLogEntry {
  level: RpcLogLevel;
  category: RpcLogCategory;
  message: string;
  functionName?: string | undefined;
  invocationId?: string | undefined;
}

/** What the worker knows about the invocation a log belongs to: log hooks see its hookData and context. */
export interface InvocationLogScope {
  hookData: HookData;
  invocationContext: unknown;
}

interface HookRegistration {
  readonly callback: HookCallback;
}

const hookNames: readonly HookName[] = ['preInvocation', 'postInvocation', 'appStart', 'appTerminate', 'log'];

function isHookName(name: string): name is HookName {
  return (hookNames as readonly string[]).includes(name);
}

/**
 * The worker's side of one app: what the app registered through the core API (functions, hooks, programming model),
 * the app-wide hook data, and the worker's logging that runs every log through the log hooks.
 */
export class WorkerApp {
  readonly functionAppDirectory: string;
  /** Exposed by the worker to hooks as `appHookData`; the v4 library does not surface it. */
  readonly appHookData: HookData = {};
  /** The `hookData` of appStart and appTerminate hooks: one object for the life of the app. */
  readonly appLevelHookData: HookData = {};

  #functions = new Map<string, RegisteredFunction>();
  #hooks = new Map<HookName, HookRegistration[]>(hookNames.map((name) => [name, []]));
  #programmingModel: ProgrammingModel | undefined;
  #registrationLocked = false;
  #runningLogHooks = false;
  #sink: LogSink;

  constructor(functionAppDirectory: string, sink: LogSink) {
    this.functionAppDirectory = functionAppDirectory;
    this.#sink = sink;
  }

  get programmingModel(): ProgrammingModel | undefined {
    return this.#programmingModel;
  }

  get functions(): readonly RegisteredFunction[] {
    return [...this.#functions.values()];
  }

  /** The function registered under an id (every invocation looks its function up: no copy of the list). */
  functionById(id: string): RegisteredFunction | undefined {
    return this.#functions.get(id);
  }

  setProgrammingModel(model: ProgrammingModel): void {
    this.log({
      level: 'information',
      category: 'system',
      message: `Setting Node.js programming model to "${model.name}" version "${model.version}"`,
    });
    this.#programmingModel = model;
  }

  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    if (this.#registrationLocked) {
      throw new WorkerSystemError('A function can only be registered during app startup.');
    }
    const id = metadata.functionId ?? metadata.name;
    if (this.#functions.has(id)) {
      throw new WorkerSystemError(`A function with id "${id}" has already been registered.`);
    }
    this.#functions.set(id, { id, name: metadata.name, metadata: { ...metadata, functionId: id }, callback });
    return new Disposable(() => {
      if (this.#registrationLocked) {
        throw new WorkerSystemError('A function can only be disposed during app startup.');
      }
      this.#functions.delete(id);
    });
  }

  registerHook(name: string, callback: HookCallback): Disposable {
    if (!isHookName(name)) {
      throw new WorkerRangeError(`Unrecognized hook "${name}"`);
    }
    const registrations = this.#registrationsOf(name);
    const registration: HookRegistration = { callback };
    registrations.push(registration);
    return new Disposable(() => {
      const index = registrations.indexOf(registration);
      if (index >= 0) {
        registrations.splice(index, 1);
      }
    });
  }

  /** After start-up no function may be added or removed (hooks still may). */
  lockRegistration(): void {
    this.#registrationLocked = true;
  }

  /** Whether any hook of a kind is registered now (an invocation builds hook contexts only for hooks that run). */
  hasHooks(name: Exclude<HookName, 'log'>): boolean {
    return this.#registrationsOf(name).length > 0;
  }

  /** Runs every hook of a kind in registration order, each awaited; the first throw stops the rest. */
  async executeHooks(name: Exclude<HookName, 'log'>, context: unknown, invocation?: { invocationId: string; functionName: string }): Promise<void> {
    const registrations = [...this.#registrationsOf(name)];
    if (registrations.length === 0) {
      return;
    }
    const scope = { invocationId: invocation?.invocationId, functionName: invocation?.functionName };
    this.log({ level: 'debug', category: 'system', message: `Executing ${registrations.length} "${name}" hooks`, ...scope });
    for (const registration of registrations) {
      await registration.callback(context);
    }
    this.log({ level: 'debug', category: 'system', message: `Executed "${name}" hooks`, ...scope });
  }

  /**
   * The worker's log path: every log (user and system) goes through the log hooks first. Hooks may change the
   * level and message of user logs only; a throwing hook stops the remaining hooks and the log is sent unchanged.
   */
  log(entry: WorkerLogEntry, scope?: InvocationLogScope): void {
    let { level, message } = entry;
    const logHooks = this.#registrationsOf('log');
    // A log written from inside a log hook would otherwise run the hooks again, forever.
    if (logHooks.length > 0 && !this.#runningLogHooks) {
      const context = createLogHookContext(level, message, entry.category, {
        hookData: scope?.hookData ?? {},
        appHookData: this.appHookData,
        invocationContext: scope?.invocationContext,
      });
      this.#runningLogHooks = true;
      try {
        for (const registration of [...logHooks]) {
          const returned = registration.callback(context);
          // Log hooks are synchronous; a promise returned anyway must not become an unhandled rejection.
          if (returned instanceof Promise) {
            returned.catch(() => undefined);
          }
        }
        if (entry.category === 'user') {
          level = context.level;
          message = typeof context.message === 'string' ? context.message : String(context.message);
        }
      } catch {
        // Ignored, as in the worker: a log hook must not be able to stop logging.
      } finally {
        this.#runningLogHooks = false;
      }
    }
    // Built in one step (no spreads of throwaway objects): every log of every invocation comes through here.
    const record: { -readonly [Key in keyof LogRecord]: LogRecord[Key] } = { level, category: entry.category, message, source: 'worker', timestamp: new Date() };
    if (entry.functionName !== undefined) {
      record.functionName = entry.functionName;
    }
    if (entry.invocationId !== undefined) {
      record.invocationId = entry.invocationId;
    }
    this.#sink(record);
  }

  #registrationsOf(name: HookName): HookRegistration[] {
    const registrations = this.#hooks.get(name);
    if (!registrations) {
      throw new WorkerRangeError(`Unrecognized hook "${name}"`);
    }
    return registrations;
  }
}
