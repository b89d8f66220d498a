import type { RpcBindingInfo } from './coreApiTypes.js';
import type { FunctionRegistration } from './workerConnection.js';
import { HostStartupError } from './HostStartupError.js';

/** A registered function as the host sees it: its name and its trigger binding. */
export interface FunctionDescriptor {
  readonly name: string;
  readonly registered: FunctionRegistration;
  readonly triggerBindingName: string;
  readonly trigger: RpcBindingInfo;
  readonly triggerType: string;
}

// The host's rule for function names; `host` is reserved for the host's own endpoints.
const validFunctionName = /^[a-z][a-z0-9_-]{0,127}$/i;

export function isTriggerType(type: unknown): type is string {
  return typeof type === 'string' && /trigger$/i.test(type);
}

/**
 * Checks what the host checks when it indexes the app (function names, duplicates, one trigger each) and describes
 * each function. Every problem found is reported at once.
 */
export function describeFunctions(functions: readonly FunctionRegistration[]): FunctionDescriptor[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const descriptors: FunctionDescriptor[] = [];
  for (const registered of functions) {
    const { name } = registered;
    if (!validFunctionName.test(name) || name.toLowerCase() === 'host') {
      problems.push(
        `"${name}" is not a valid function name: use letters, digits, "_" and "-", start with a letter, at most 128 characters, and not "host".`,
      );
    }
    const previous = seen.get(name.toLowerCase());
    if (previous !== undefined) {
      problems.push(`The function name "${name}" is used twice (as "${previous}" and "${name}"; names are case-insensitive). Rename one of them.`);
    }
    seen.set(name.toLowerCase(), name);
    const triggers = Object.entries(registered.metadata.bindings).filter(([, binding]) => binding.direction === 'in' && isTriggerType(binding.type));
    const [trigger, ...extraTriggers] = triggers;
    if (!trigger) {
      problems.push(`Function "${name}" has no trigger binding. Register it with app.http(), app.timer() or another trigger.`);
      continue;
    }
    if (extraTriggers.length > 0) {
      problems.push(`Function "${name}" has ${triggers.length} trigger bindings; a function has exactly one.`);
    }
    const [triggerBindingName, binding] = trigger;
    descriptors.push({ name, registered, triggerBindingName, trigger: binding, triggerType: String(binding.type) });
  }
  if (problems.length > 0) {
    throw new HostStartupError(`The app's functions cannot be indexed:\n  - ${problems.join('\n  - ')}`);
  }
  return descriptors;
}

export function isHttpTrigger(descriptor: FunctionDescriptor): boolean {
  return descriptor.triggerType.toLowerCase() === 'httptrigger';
}

export function isTimerTrigger(descriptor: FunctionDescriptor): boolean {
  return descriptor.triggerType.toLowerCase() === 'timertrigger';
}
