import { planRows } from "../bulk/index.js";
import { formatTable, pp, toCsv, toJson } from "../display/index.js";
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

/** The helpers preloaded in the console besides the session's own names. */
export function replHelpers(display: () => BulkDisplayOptions): Record<string, unknown> {
  const bulk = (value: unknown): object | undefined => {
    const text = formatBulkValue(value, "table", display());
    return text === undefined ? undefined : shown(text);
  };
  return {
    pp: (value: unknown) => bulk(value) ?? pp(value, display()),
    table: (rows: readonly unknown[]) => shown(formatTable(Array.isArray(rows) ? rows : [rows], display())),
    json: (value: unknown) => shown(toJson(value)),
    csv: (rows: readonly unknown[]) => shown(toCsv(Array.isArray(rows) ? rows : [rows])),
    take,
    planRows,
  };
}
