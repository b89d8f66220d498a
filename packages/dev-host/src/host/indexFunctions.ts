import type { AppConfig } from '../app/config/readAppConfig.js';
import { RouteConfigurationError, RouteTable } from './routing/routeTable.js';
import { resolveTimerSchedules, type TimerFunction } from './timers/resolveTimerSchedules.js';
import type { FunctionRegistration } from '../app/workerConnection.js';
import { describeFunctions, type FunctionDescriptor } from '../app/functionDescriptors.js';
import { HostStartupError } from '../app/HostStartupError.js';
import { httpRouteDefinitions } from './listing.js';

export interface IndexedFunctions {
  readonly descriptors: readonly FunctionDescriptor[];
  readonly routeTable: RouteTable;
  readonly timers: readonly TimerFunction[];
}

/**
 * What the host does with the functions the worker reports: checks their names, builds the HTTP route table
 * (reserved and conflicting routes are errors) and resolves timer schedules. Every problem is a HostStartupError.
 */
export function indexFunctions(functions: readonly FunctionRegistration[], config: AppConfig, env: NodeJS.ProcessEnv): IndexedFunctions {
  const descriptors = describeFunctions(functions);
  let routeTable: RouteTable;
  try {
    routeTable = RouteTable.build(httpRouteDefinitions(descriptors), { routePrefix: config.routePrefix });
  } catch (error: unknown) {
    if (error instanceof RouteConfigurationError) {
      throw new HostStartupError(error.message, { cause: error });
    }
    throw error;
  }
  return { descriptors, routeTable, timers: resolveTimerSchedules(descriptors, env) };
}
