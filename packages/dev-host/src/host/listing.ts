import type { RouteTable } from './routing/routeTable.js';
import { isHttpTrigger, type FunctionDescriptor } from '../app/functionDescriptors.js';
import { authLevelOf } from './http/functionKeys.js';
import type { FunctionInfo } from './publicTypes.js';

function methodsOf(descriptor: FunctionDescriptor): string[] {
  const methods = descriptor.trigger.methods;
  return Array.isArray(methods) ? methods.filter((method): method is string => typeof method === 'string').map((method) => method.toUpperCase()) : [];
}

/** The HTTP route definition of an HTTP function: its route, or its name when it has none. */
export function routeOf(descriptor: FunctionDescriptor): string {
  const route = descriptor.trigger.route;
  return typeof route === 'string' && route.trim() !== '' ? route : descriptor.name;
}

export function httpRouteDefinitions(descriptors: readonly FunctionDescriptor[]): { functionName: string; route: string; methods: string[] }[] {
  return descriptors.filter(isHttpTrigger).map((descriptor) => ({ functionName: descriptor.name, route: routeOf(descriptor), methods: methodsOf(descriptor) }));
}

export function describeForUsers(descriptors: readonly FunctionDescriptor[], routeTable: RouteTable, baseUrl: string): FunctionInfo[] {
  return descriptors.map((descriptor) => {
    if (!isHttpTrigger(descriptor)) {
      return { name: descriptor.name, triggerType: descriptor.triggerType };
    }
    return {
      name: descriptor.name,
      triggerType: descriptor.triggerType,
      methods: methodsOf(descriptor),
      route: routeOf(descriptor).replace(/^\/+|\/+$/g, ''),
      url: `${baseUrl}${routeTable.routeUrlPath(descriptor.name)}`,
      authLevel: authLevelOf(descriptor),
    };
  });
}

/** The host's order of functions: by name as .NET's StringComparer.OrdinalIgnoreCase sorts (upper-cased code units). */
export function compareFunctionNames(a: string, b: string): number {
  const upperA = a.toUpperCase();
  const upperB = b.toUpperCase();
  return upperA < upperB ? -1 : upperA > upperB ? 1 : 0;
}

/**
 * The order Core Tools lists functions in: the HTTP functions first, then the others (DisplayFunctionsInfoUtilities
 * .DisplayFunctionsInfo in azure-functions-core-tools prints the two groups in turn), each group in the host's order,
 * which is by name, ignoring case (FunctionMetadataManager.LoadFunctionMetadata in azure-functions-host sorts the
 * functions' metadata with StringComparer.OrdinalIgnoreCase), whatever order the app registered them in.
 */
export function inListingOrder<T extends { readonly name: string; readonly url?: string | undefined }>(functions: readonly T[]): T[] {
  const byName = [...functions].sort((a, b) => compareFunctionNames(a.name, b.name));
  return [...byName.filter((fn) => fn.url !== undefined), ...byName.filter((fn) => fn.url === undefined)];
}

/**
 * Core Tools' start-up listing, in its order: `hello: [GET,POST] http://localhost:7071/api/hello (authLevel:
 * anonymous)`, then `tick: timerTrigger`.
 */
export function listingLines(functions: readonly FunctionInfo[], listingBaseUrl: string, routeTable: RouteTable): string[] {
  if (functions.length === 0) {
    return ['No job functions found. Check that package.json "main" matches the files that register your functions (app.http(), app.timer(), ...).'];
  }
  const lines = ['Functions:'];
  for (const fn of inListingOrder(functions)) {
    // azfx #14: disabled functions are left out, and said after the listing as Core Tools says them ("Function x is
    // disabled."); not-emulated ones are marked, with the reasons printed once after the listing.
    if (fn.disabled === true) {
      continue;
    }
    const mark = fn.notEmulated !== undefined ? ' (not emulated: see below)' : '';
    if (fn.url === undefined) {
      lines.push(`\t${fn.name}: ${fn.triggerType}${mark}`);
    } else {
      const methods = fn.methods && fn.methods.length > 0 ? fn.methods.join(',') : 'ALL METHODS';
      // Core Tools' line says nothing of keys (it checks none without --enableAuth); Azure does check them, so every
      // HTTP line says which key, if any, Azure will ask for.
      const auth = fn.authLevel === undefined ? '' : ` (authLevel: ${fn.authLevel})`;
      lines.push(`\t${fn.name}: [${methods}] ${listingBaseUrl}${routeTable.routeUrlPath(fn.name)}${auth}${mark}`);
    }
  }
  return lines;
}
