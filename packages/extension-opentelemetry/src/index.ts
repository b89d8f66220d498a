import { OpenTelemetryExtension } from './openTelemetryExtension.js';

export { OpenTelemetryExtension } from './openTelemetryExtension.js';
export type {
  EndHook,
  OpenTelemetryOptions,
  SpanNamer,
  StartHook,
  TracedInvocation,
  TracedOutcome,
} from './openTelemetryExtension.js';

// Importing the package registers the extension with its defaults, as the timer does: it traces every invocation
// without configure(), and its place in the onion is where it is first imported. configure() later replaces the
// options (over the defaults) and keeps that place.
OpenTelemetryExtension.configure();
