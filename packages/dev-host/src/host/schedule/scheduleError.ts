/** A schedule expression that cannot be used. The message names the expression, the problem and what is allowed. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  readonly expression: string;
  readonly problem: string;

  constructor(expression: string, problem: string) {
    super(`The schedule '${expression}' is invalid: ${problem}.`);
    this.expression = expression;
    this.problem = problem;
  }
}
