// One field of an NCRONTAB expression, read as NCrontab (the library behind the Functions timer trigger) reads it:
// '*', a value, a range 'a-b', a step '*/n', 'a-b/n' or 'a/n' (from a to the field's maximum), and comma lists of
// those. Month and day names are matched as NCrontab does: any case-insensitive prefix of the English name, the
// first name that fits wins ('Jan', 'January', 'Tue'). Day of week runs 0-6 from Sunday;
// 7 is refused, as NCrontab refuses it, so a schedule that starts here also starts on Azure.

export interface CronFieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

export const SECOND: CronFieldSpec = { name: 'second', min: 0, max: 59 };
export const MINUTE: CronFieldSpec = { name: 'minute', min: 0, max: 59 };
export const HOUR: CronFieldSpec = { name: 'hour', min: 0, max: 23 };
export const DAY: CronFieldSpec = { name: 'day', min: 1, max: 31 };
export const MONTH: CronFieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  names: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
export const DAY_OF_WEEK: CronFieldSpec = {
  name: 'day-of-week',
  min: 0,
  max: 6,
  names: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The allowed values of a field: `has` for tests, `nextFrom` for searches. */
export class CronField {
  readonly values: readonly number[];
  private readonly allowed: readonly boolean[];
  private readonly next: readonly number[];

  constructor(spec: CronFieldSpec, values: ReadonlySet<number>) {
    this.values = [...values].sort((a, b) => a - b);
    const allowed: boolean[] = [];
    const next: number[] = [];
    let upcoming = -1;
    for (let value = spec.max + 1; value >= 0; value--) {
      allowed[value] = values.has(value);
      if (allowed[value]) upcoming = value;
      next[value] = upcoming;
    }
    this.allowed = allowed;
    this.next = next;
  }

  has(value: number): boolean {
    return this.allowed[value] === true;
  }

  /** The smallest allowed value at or above `value`, or -1. */
  nextFrom(value: number): number {
    return this.next[value] ?? -1;
  }

  get first(): number {
    return this.values[0] ?? -1;
  }

  /** True when two allowed values are adjacent (NCrontab then writes the field as a range or '*'). */
  get hasRun(): boolean {
    return this.values.some((value, index) => this.values[index + 1] === value + 1);
  }
}

export class CronFieldProblem extends Error {}

function allowedText(spec: CronFieldSpec): string {
  const names = spec.names === undefined ? '' : `, or names such as ${spec.names.map((name) => name.slice(0, 3)).join(', ')}`;
  return `${spec.name} values run from ${spec.min} to ${spec.max}${names}`;
}

function parseValue(spec: CronFieldSpec, text: string, field: string): number {
  if (/^[0-9]+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      throw new CronFieldProblem(`the ${spec.name} field '${field}' has the value ${text}, which is out of range; ${allowedText(spec)}`);
    }
    return value;
  }
  if (spec.names !== undefined && /^[A-Za-z]+$/.test(text)) {
    const lower = text.toLowerCase();
    const index = spec.names.findIndex((name) => name.toLowerCase().startsWith(lower));
    if (index !== -1) return index + spec.min;
  }
  throw new CronFieldProblem(`the ${spec.name} field '${field}' has '${text}', which is not a ${spec.name} value; ${allowedText(spec)}`);
}

function parseStep(spec: CronFieldSpec, text: string, field: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < 1) {
    throw new CronFieldProblem(`the ${spec.name} field '${field}' has the step '${text}'; a step must be a whole number of at least 1, as in '*/5'`);
  }
  return Number(text);
}

function parseItem(spec: CronFieldSpec, item: string, field: string, into: Set<number>): void {
  if (item === '') {
    throw new CronFieldProblem(`the ${spec.name} field '${field}' has an empty entry; separate values with single commas, as in '1,15'`);
  }
  const slash = item.indexOf('/');
  const rangeText = slash === -1 ? item : item.slice(0, slash);
  const step = slash === -1 ? 1 : parseStep(spec, item.slice(slash + 1), field);
  if (rangeText === '') {
    throw new CronFieldProblem(`the ${spec.name} field '${field}' has a step without a range; write '*/${item.slice(slash + 1)}'`);
  }
  let first: number;
  let last: number;
  if (rangeText === '*') {
    first = spec.min;
    last = spec.max;
  } else {
    const dash = rangeText.indexOf('-', 1);
    first = parseValue(spec, dash === -1 ? rangeText : rangeText.slice(0, dash), field);
    last = dash === -1 ? (slash === -1 ? first : spec.max) : parseValue(spec, rangeText.slice(dash + 1), field);
    if (first > last) {
      throw new CronFieldProblem(`the ${spec.name} field '${field}' has the range ${rangeText}, which runs backwards; write the lower value first`);
    }
  }
  for (let value = first; value <= last; value += step) {
    into.add(value);
  }
}

/** Parses one field; throws a CronFieldProblem saying which field, which value, and what is allowed. */
export function parseCronField(spec: CronFieldSpec, field: string): CronField {
  const values = new Set<number>();
  for (const item of field.split(',')) parseItem(spec, item, field, values);
  return new CronField(spec, values);
}
