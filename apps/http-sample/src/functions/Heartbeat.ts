import { app, type InvocationContext, type Timer } from '@azure/functions';
import '../extensions.js';

/** A timer-triggered function: the timer extension logs its elapsed time like any other invocation's. */
export function heartbeat(timer: Timer, context: InvocationContext): void {
  context.log(`Heartbeat${timer.isPastDue ? ' (past due)' : ''}: the app is alive.`);
}

app.timer('Heartbeat', {
  // NCRONTAB, six fields: second 0 of every fifth minute.
  schedule: '0 */5 * * * *',
  handler: heartbeat,
});
