// Every function module imports this one, so the extensions are configured whichever function file the host
// loads first. The order below is the onion's order: the timer, first, measures the others too; the
// OpenTelemetry extension's span is current for the request-id extension and the function.
import './telemetry.js';
import { TimerExtension } from '@azfx/extension-timer';
import { OpenTelemetryExtension } from '@azfx/extension-opentelemetry';
import { RequestIdExtension } from './extensions/requestIdExtension.js';

TimerExtension.configure({ appendToHttpResponse: true });

OpenTelemetryExtension.configure({ requestHeaders: ['x-request-id'], responseHeaders: ['x-request-id'] });

RequestIdExtension.configure({}, { scope: { functions: 'HttpTrigger' } });
