import { isTimerTrigger, type FunctionDescriptor } from '../../app/functionDescriptors.js';
import { HostStartupError } from '../../app/HostStartupError.js';
import { parseSchedule, ScheduleError, type Schedule } from '../schedule/schedule.js';

export interface TimerFunction {
  readonly descriptor: FunctionDescriptor;
  readonly schedule: Schedule;
  readonly runOnStartup: boolean;
}

/** `%Name%` in a binding expression is the app setting `Name`, as the host resolves it. */
export function resolveAppSettingReferences(expression: string, env: NodeJS.ProcessEnv): string {
  return expression.replace(/%([^%]+)%/g, (reference: string, name: string) => {
    const value = env[name];
    if (value === undefined) {
      throw new HostStartupError(
        `The schedule '${expression}' refers to the app setting ${reference}, which is not set. Add "${name}" to local.settings.json "Values" or to the environment.`,
      );
    }
    return value;
  });
}

/** The schedule of every timer function, checked at start-up as the host checks it. */
export function resolveTimerSchedules(descriptors: readonly FunctionDescriptor[], env: NodeJS.ProcessEnv): TimerFunction[] {
  return descriptors.filter(isTimerTrigger).map((descriptor) => {
    const { schedule, runOnStartup } = descriptor.trigger;
    if (typeof schedule !== 'string' || schedule.trim() === '') {
      throw new HostStartupError(`Timer function "${descriptor.name}" has no schedule. Give it one, e.g. app.timer('${descriptor.name}', { schedule: '0 */5 * * * *', handler }).`);
    }
    try {
      return { descriptor, schedule: parseSchedule(resolveAppSettingReferences(schedule, env)), runOnStartup: runOnStartup === true };
    } catch (error: unknown) {
      if (error instanceof ScheduleError) {
        throw new HostStartupError(`Timer function "${descriptor.name}": ${error.message}`, { cause: error });
      }
      throw error;
    }
  });
}
