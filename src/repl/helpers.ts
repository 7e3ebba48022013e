import { planRows } from "../bulk/plan-rows.js";
import { formatTable, pp, toCsv, toJson, type DisplayOptions } from "../display/index.js";
import { formatBulkValue, type BulkDisplayOptions } from "./bulk/format.js";
import { shown } from "./writer.js";

/**
 * The first `n` items of a list or any (async) iterable, fetching no more pages than needed.
 * @example await take(iocs.list(), 5)
 */
export async function take<T>(items: AsyncIterable<T> | Iterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

/**
 * The helpers preloaded in the console besides the session's own names. With `print` (a script, where no value
 * is printed) each display helper also prints what it returns.
 */
export function replHelpers(
  display: () => BulkDisplayOptions,
  print?: (text: string) => void,
): Record<string, unknown> {
  const out = <V extends object>(value: V): V => {
    print?.(String(value));
    return value;
  };
  const bulk = (value: unknown): object | undefined => {
    const text = formatBulkValue(value, "table", display());
    return text === undefined ? undefined : shown(text);
  };
  return {
    // Options as the library's pp: `pp(x, { vertical: true })` for rows too wide for a table.
    pp: (value: unknown, options?: DisplayOptions) =>
      out(bulk(value) ?? pp(value, { ...display(), ...options })),
    table: (rows: readonly unknown[], options?: DisplayOptions) =>
      out(shown(formatTable(Array.isArray(rows) ? rows : [rows], { ...display(), ...options }))),
    json: (value: unknown) => out(shown(toJson(value))),
    csv: (rows: readonly unknown[]) => out(shown(toCsv(Array.isArray(rows) ? rows : [rows]))),
    take,
    planRows,
  };
}
