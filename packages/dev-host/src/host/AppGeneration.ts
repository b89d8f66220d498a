import { HostStartupError } from '../app/HostStartupError.js';
import type { InFlightWork } from '../app/InFlightWork.js';
import type { AppConfig } from '../app/config/readAppConfig.js';
import type { Logger } from '../app/logging/createLogger.js';
import type { FunctionRegistration, WorkerConnection } from '../app/workerConnection.js';
import { AppRuntime } from './AppRuntime.js';
import type { ServerContext } from './http/ServerContext.js';
import { indexFunctions } from './indexFunctions.js';
import { compareFunctionNames, describeForUsers, listingLines } from './listing.js';
import type { FunctionInfo } from './publicTypes.js';
import { FunctionRetries } from './retry/FunctionRetries.js';
import { readRetryPolicies } from './retry/retryPolicy.js';
import type { RetryScheduler } from './retry/retryScheduler.js';
import type { RouteTable } from './routing/routeTable.js';
import { TimerScheduler } from './timers/TimerScheduler.js';
// azfx #14 (parity with Azure): functionTimeout, disabled/selected functions, CORS, custom headers, body limit.
import { appPolicies, type HostPolicyOptions } from './config/appPolicies.js';
import { bindingGaps } from './config/emulatedBindings.js';
import { authNotice } from './http/functionKeys.js';

/** What the host's server needs whatever app it serves. */
export interface HostSettings {
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly adminKey: string | undefined;
  /** The URL programs reach the host at (a literal loopback address), e.g. http://127.0.0.1:7071. */
  readonly url: string;
  isShuttingDown(): boolean;
  /** azfx #14: options that decide the host's rules for the app (--functions, --cors, ...). */
  readonly policy?: HostPolicyOptions;
  /** Waits out retry delays (tests record the delays and end the waits themselves). Default: real timers. */
  readonly retryScheduler?: RetryScheduler | undefined;
}

/**
 * One started app as the host indexed it: the functions a worker registered, their routes and timer schedules, and
 * the server context that serves them. `azfx start --watch` makes a new one for each reload; `startHost()` makes one.
 * Index errors (bad names, conflicting or reserved routes, bad schedules, bad retry policies) are thrown as
 * HostStartupErrors. Its retry loops belong to it: when it stops serving, `cancelRetries()` ends their pending
 * retries, so no retry of its code runs after a reload or during shutdown.
 */
export class AppGeneration {
  readonly runtime: AppRuntime;
  readonly routeTable: RouteTable;
  readonly context: ServerContext;
  readonly functions: readonly FunctionInfo[];
  /** Said once when the app starts: settings Azure treats differently, bindings the dev host does not emulate. */
  readonly warnings: readonly string[];
  readonly #scheduler: TimerScheduler;
  readonly #retries: FunctionRetries;

  constructor(
    registrations: readonly FunctionRegistration[],
    httpUri: string | undefined,
    config: AppConfig,
    env: NodeJS.ProcessEnv,
    settings: HostSettings,
    invocations: InFlightWork,
    connect: () => Promise<WorkerConnection>,
  ) {
    const policies = appPolicies(registrations, config, env, settings.policy ?? {}, settings.maxBodyBytes);
    const { descriptors, routeTable, timers } = indexFunctions(policies.enabled, config, env);
    const retryPolicies = readRetryPolicies(descriptors.map((d) => ({ name: d.name, triggerType: d.triggerType, retryOptions: d.registered.metadata.retryOptions })));
    if (retryPolicies.problems.length > 0) {
      throw new HostStartupError(`The app's functions cannot be indexed:\n  - ${retryPolicies.problems.join('\n  - ')}`);
    }
    for (const warning of retryPolicies.warnings) {
      settings.logger.host('warning', warning);
    }
    this.#retries = new FunctionRetries(retryPolicies.byFunction, { log: settings.logger.host, scheduler: settings.retryScheduler });
    this.runtime = new AppRuntime(descriptors, settings.logger, invocations, connect, this.#retries, policies.functionTimeout);
    this.routeTable = routeTable;
    const gaps = new Map(descriptors.map((descriptor) => [descriptor.name, bindingGaps(descriptor)]));
    this.functions = [
      ...describeForUsers(descriptors, routeTable, settings.url).map((info) => {
        const notEmulated = gaps.get(info.name) ?? [];
        return notEmulated.length > 0 ? { ...info, notEmulated } : info;
      }),
      ...policies.disabled.map((disabled) => ({ ...disabled, disabled: true })),
    ];
    const auth = authNotice(descriptors, policies.functionKeys);
    this.warnings = [
      // In the host's order of functions, as Core Tools says them after its listing.
      ...[...policies.disabled].sort((a, b) => compareFunctionNames(a.name, b.name)).map((disabled) => `Function ${disabled.name} is disabled.`),
      ...policies.warnings,
      ...(auth === undefined ? [] : [auth]),
      ...[...gaps].flatMap(([name, reasons]) => reasons.map((reason) => `Function '${name}': ${reason}.`)),
    ];
    this.context = {
      runtime: this.runtime,
      routeTable,
      logger: settings.logger,
      maxBodyBytes: policies.maxBodyBytes,
      cors: policies.cors,
      customHeaders: policies.customHeaders,
      functionKeys: policies.functionKeys,
      adminKey: settings.adminKey,
      fallbackHost: new URL(settings.url).host,
      streamProxyUrl: httpUri === undefined ? undefined : new URL(httpUri),
      isShuttingDown: () => settings.isShuttingDown(),
    };
    this.#scheduler = new TimerScheduler(this.runtime, timers);
  }

  /** Core Tools' listing of the functions, with URLs under `publicUrl` (`localhost` for loopback). */
  listing(publicUrl: string): string[] {
    return listingLines(this.functions, publicUrl, this.routeTable);
  }

  startTimers(): void {
    this.#scheduler.start();
  }

  stopTimers(): void {
    this.#scheduler.stop();
  }

  /** Cancels the pending retries of this app's functions; an attempt already running finishes. Idempotent. */
  cancelRetries(): void {
    this.#retries.cancel();
  }
}
