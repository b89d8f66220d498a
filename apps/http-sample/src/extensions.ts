// Every function module imports this one, so the extensions are configured whichever function file the host
// loads first. The order below is the onion's order: the timer, first, measures the request-id extension too.
import { TimerExtension } from '@azfx/extension-timer';
import { RequestIdExtension } from './extensions/requestIdExtension.js';

TimerExtension.configure({ appendToHttpResponse: true });

RequestIdExtension.configure({}, { scope: { functions: 'HttpTrigger' } });
