// Which triggers the host retries. In the Functions host a function-level retry policy belongs to the WebJobs SDK:
// every trigger binding that declares support for it ([SupportsRetry]: timer, Event Hubs, Kafka, Cosmos DB) gets
// it. For any other trigger the SDK logs a warning when it indexes the function and still keeps the policy (its
// code to drop the policy is commented out, pending the feature's GA), while Microsoft's documentation says those
// triggers have their own retries (queue, Service Bus: host.json; Event Grid: the subscription) and that function-
// level policies for them are no longer supported. The dev host gives the same warning and, like the SDK's code,
// still applies the policy to runs it starts (timers, manual runs, `invoke()`); it never retries HTTP requests.

const retriedTriggerTypes: ReadonlySet<string> = new Set(['timertrigger', 'eventhubtrigger', 'kafkatrigger', 'cosmosdbtrigger']);

/** The trigger types whose bindings support function-level retry policies. */
export function isRetriedTrigger(triggerType: string): boolean {
  return retriedTriggerTypes.has(triggerType.toLowerCase());
}

/** The host's start-up warning for a policy on a trigger without retry support, or undefined when it has it. */
export function retrySupportWarning(functionName: string, triggerType: string): string | undefined {
  if (isRetriedTrigger(triggerType)) {
    return undefined;
  }
  const warning = `Soon retries will not be supported for function 'Functions.${functionName}'. For more information, please visit http://aka.ms/func-retry-policies.`;
  return triggerType.toLowerCase() === 'httptrigger'
    ? `${warning} (The dev host does not retry HTTP requests: only timer, Event Hubs, Kafka and Cosmos DB triggers support retry policies.)`
    : warning;
}
