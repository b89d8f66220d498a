import type { FunctionDescriptor } from '../../app/functionDescriptors.js';

const emulatedTriggers = new Set(['httptrigger', 'timertrigger']);
const httpOutput = 'http';

/**
 * What the dev host does not do for a function that Azure would: triggers other than HTTP and timer fire only when
 * run by hand, input bindings get no data, output bindings are not delivered. One sentence per gap, saying what Azure
 * does differently; empty when the function runs here as it runs in Azure.
 */
export function bindingGaps(descriptor: FunctionDescriptor): string[] {
  const gaps: string[] = [];
  const type = descriptor.triggerType;
  if (!emulatedTriggers.has(type.toLowerCase())) {
    gaps.push(
      `its ${type} is not emulated: Azure runs it when the event source fires and passes the ${/blob/i.test(type) ? 'blob content' : 'event'}; ` +
        `here it runs only by hand (POST /admin/functions/${descriptor.name} or host.invoke()) with the input you pass`,
    );
  }
  for (const [name, binding] of Object.entries(descriptor.registered.metadata.bindings)) {
    if (name === descriptor.triggerBindingName) {
      continue;
    }
    const bindingType = String(binding.type);
    if (binding.direction === 'in') {
      gaps.push(`its input binding "${name}" (${bindingType}) is not emulated: Azure reads it before the function runs; here context.extraInputs.get("${name}") gives undefined`);
    } else if (bindingType.toLowerCase() !== httpOutput) {
      gaps.push(`its output binding "${name}" (${bindingType}) is not delivered: Azure writes it; here it is logged (--verbose) and returned by host.invoke()`);
    }
  }
  return gaps;
}
