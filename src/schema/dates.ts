// `YYYY-MM-DDThh:mm[:ss[.fffffff]]` and a zone, as Edm.DateTimeOffset is written on the wire.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
// The instants whose UTC form still has a four-digit year 0001-9999 (so toISOString never goes extended).
const EARLIEST_MS = new Date(0).setUTCFullYear(1, 0, 1);
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Why a value is not an Edm.DateTimeOffset this API accepts, or undefined when it is one: ISO 8601 with a zone,
 * a real calendar date (no 30 February), hours to 23, minutes and seconds to 59, and a year 0001 to 9999 both as
 * written and in UTC.
 * @example dateTimeRule("2030-02-30T00:00:00Z") // "is not a real date (2030-02 has 28 days)"
 */
export function dateTimeRule(value: unknown): string | undefined {
  const m = typeof value === "string" ? DATE_TIME.exec(value) : null;
  if (!m) return "must be an ISO 8601 date-time with a time zone, e.g. 2030-01-31T00:00:00Z";
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((n) => Number(n ?? 0)) as number[];
  const [offsetHours, offsetMinutes] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
  if (year! < 1) return "must have a year from 0001 to 9999";
  if (month! < 1 || month! > 12) return `is not a real date (month ${m[2]})`;
  const days = daysIn(year!, month!);
  if (day! < 1 || day! > days) return `is not a real date (${m[1]}-${m[2]} has ${days} days)`;
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHours > 23 || offsetMinutes > 59)
    return "is not a real time of day (hours 00-23, minutes and seconds 00-59)";
  const ms = Date.parse(value as string);
  if (!(ms >= EARLIEST_MS && ms <= LATEST_MS)) return "must fall in the years 0001 to 9999 in UTC";
  return undefined;
}

/**
 * True for a value {@link dateTimeRule} accepts.
 * @example isDateTime("2030-01-31T00:00:00Z") // true
 */
export function isDateTime(value: unknown): value is string {
  return dateTimeRule(value) === undefined;
}

function daysIn(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; setUTCFullYear keeps years below 100 literal.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
