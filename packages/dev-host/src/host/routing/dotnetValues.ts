// The inline route constraints of ASP.NET Core decide with .NET's own parsers (invariant culture). These functions
// reproduce what those parsers accept, so that a route behaves locally as it does behind the Functions host.

/** .NET treats U+0009..U+000D and U+0020 as white space around numbers. */
const WS = '[\\t\\n\\v\\f\\r ]*';

const INTEGER = new RegExp(`^${WS}([+-]?)([0-9]+)${WS}$`);

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `NumberStyles.Integer`: optional white space, an optional sign, ASCII digits. */
function parseInteger(text: string, min: bigint, max: bigint): bigint | undefined {
  const match = INTEGER.exec(text);
  if (match === null) return undefined;
  const digits = match[2] ?? '';
  const value = match[1] === '-' ? -BigInt(digits) : BigInt(digits);
  return value < min || value > max ? undefined : value;
}

/** `int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)`. */
export function parseInt32(text: string): bigint | undefined {
  return parseInteger(text, INT32_MIN, INT32_MAX);
}

/** `long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)`. */
export function parseInt64(text: string): bigint | undefined {
  return parseInteger(text, INT64_MIN, INT64_MAX);
}

// NumberStyles.Number: white space, a leading OR trailing sign, thousands separators in the integer part, a
// decimal point, no exponent. Thousands separators may only follow a digit.
const DECIMAL = new RegExp(`^${WS}([+-]?)((?:[0-9][0-9,]*)?)(?:\\.([0-9]*))?${WS}([+-]?)${WS}$`);
const DECIMAL_MAX_INTEGER_PART = 79228162514264337593543950335n;

/** `decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture)`. */
export function isDotnetDecimal(text: string): boolean {
  const match = DECIMAL.exec(text);
  if (match === null) return false;
  const [, leadingSign = '', integerPart = '', fraction = '', trailingSign = ''] = match;
  if (leadingSign !== '' && trailingSign !== '') return false;
  const integerDigits = integerPart.replaceAll(',', '');
  if (integerDigits === '' && fraction === '') return false;
  return integerDigits === '' || BigInt(integerDigits) <= DECIMAL_MAX_INTEGER_PART;
}

// NumberStyles.Float | AllowThousands. Since .NET Core 3.0 an overflowing value parses as ±Infinity instead of
// failing, and the invariant symbols for infinity and NaN are accepted case-insensitively.
const FLOAT = new RegExp(`^${WS}[+-]?(?:[0-9][0-9,]*(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?${WS}$`);
const FLOAT_SYMBOL = new RegExp(`^${WS}[+-]?(?:infinity|\u221e|nan)${WS}$`, 'i');

/** `double.TryParse` / `float.TryParse` with `NumberStyles.Float | NumberStyles.AllowThousands`, invariant. */
export function isDotnetFloatingPoint(text: string): boolean {
  return FLOAT.test(text) || FLOAT_SYMBOL.test(text);
}

/** `bool.TryParse`: 'true' or 'false' in any case, surrounded by optional white space. */
export function isDotnetBoolean(text: string): boolean {
  return /^[\s\0]*(?:true|false)[\s\0]*$/i.test(text);
}

const HEX = '[0-9a-fA-F]';
const GUID_D = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`;
const GUID_X = `\\{0[xX]${HEX}{1,8},0[xX]${HEX}{1,4},0[xX]${HEX}{1,4},\\{0[xX]${HEX}{1,2}(?:,0[xX]${HEX}{1,2}){7}\\}\\}`;
const GUID = new RegExp(`^\\s*(?:${HEX}{32}|${GUID_D}|\\{${GUID_D}\\}|\\(${GUID_D}\\)|${GUID_X})\\s*$`);

/** `Guid.TryParse`: the N, D, B, P and X formats. */
export function isDotnetGuid(text: string): boolean {
  return GUID.test(text);
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthFromName(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((month) => month === lower || (lower.length === 3 && month.startsWith(lower)));
  return index === -1 ? undefined : index + 1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidDate(year: number, month: number, day: number): boolean {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const TIME = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?(?:\s*([AaPp][Mm]))?$/;
const ZONE = /(?:[Zz]|\s*(?:GMT|UTC)|[+-]\d{1,2}(?::?\d{2})?)$/;

function isValidTime(text: string): boolean {
  const match = TIME.exec(text);
  if (match === null) return false;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  const meridiem = match[5];
  const maxHour = meridiem === undefined ? 23 : 12;
  return hour <= maxHour && minute <= 59 && second <= 59;
}

function splitDateAndTime(text: string): { date: string; time: string | undefined } {
  const isoT = /^(\d{4}-\d{1,2}-\d{1,2})[Tt](.+)$/.exec(text);
  if (isoT !== null) return { date: isoT[1] ?? '', time: isoT[2] };
  const timeAt = /\s\d{1,2}:\d/.exec(text);
  if (timeAt === null) return { date: text, time: undefined };
  return { date: text.slice(0, timeAt.index).trim(), time: text.slice(timeAt.index).trim() };
}

function isValidDatePart(text: string): boolean {
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (match !== null) return isValidDate(Number(match[1]), Number(match[2]), Number(match[3]));
  // Invariant culture is month-first: MM/dd/yyyy.
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (match !== null) return isValidDate(Number(match[3]), Number(match[1]), Number(match[2]));
  match = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (match !== null) return isValidDate(Number(match[1]), Number(match[2]), 1);
  // 'January 2, 2024', 'Jan 2 2024', '2 January 2024', '2-Jan-2024', optionally led by a day name.
  const words = text.replace(/^(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*,?\s+/i, '');
  match = /^([A-Za-z]+)\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4})$/.exec(words);
  if (match !== null) {
    const month = monthFromName(match[1] ?? '');
    return month !== undefined && isValidDate(Number(match[3]), month, Number(match[2]));
  }
  match = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(words);
  if (match !== null) {
    const month = monthFromName(match[2] ?? '');
    return month !== undefined && isValidDate(Number(match[3]), month, Number(match[1]));
  }
  return false;
}

/**
 * `DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None)` for the forms people put in URLs:
 * ISO 8601 dates and date-times (with `T` or a space, fractions, `Z` or an offset), month-first `MM/dd/yyyy`,
 * `yyyy/MM/dd`, `yyyy-MM`, English month names, and a time of day alone (12- or 24-hour). The calendar is checked
 * (no February 30). .NET's parser accepts a few more exotic shapes; those do not match here.
 */
export function isDotnetDateTime(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '') return false;
  if (isValidTime(trimmed.replace(ZONE, ''))) return true;
  const { date, time } = splitDateAndTime(trimmed);
  if (!isValidDatePart(date)) return false;
  if (time === undefined) return true;
  return isValidTime(time.replace(ZONE, '').trim());
}
