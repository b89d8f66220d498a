import { TimerExtension } from './timerExtension.js';

export { TimerExtension, TIMER_LOG_LEVELS } from './timerExtension.js';
export type { TimerOptions } from './timerExtension.js';

// Importing the package registers the timer with its defaults, as importing the Python worker extension does:
// it works without configure(), and its place in the onion is where it is first imported. configure() later
// replaces the options (over the defaults) and keeps that place.
TimerExtension.configure();
