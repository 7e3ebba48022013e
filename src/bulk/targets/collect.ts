import type { Rejection, SourceRow } from "../types.js";
import type { CreateItem, Normalized } from "./target.js";

/** One target's reading of a row: the item it names, or why it is refused; unknown columns go into `ignored`. */
export type RowReader<C extends CreateItem> = (row: SourceRow, ignored: Set<string>) => C | Rejection;

/**
 * Reads every row with `read` and collapses rows naming the same item (the earlier row wins; `conflicting` says
 * whether a later one disagrees on a compared field), warning once about ignored columns. Each target supplies
 * only its reading and its conflict rule.
 * @example collectRows(rows, (row, ignored) => readIoc(row, 1, ignored), (later, first) => false)
 */
export function collectRows<C extends CreateItem>(
  rows: readonly SourceRow[],
  read: RowReader<C>,
  conflicting: (later: C, first: C) => boolean,
): Normalized<C> {
  const out: Normalized<C> = { candidates: [], rejected: [], duplicates: [], warnings: [] };
  const ignored = new Set<string>();
  const seen = new Map<string, C>();
  for (const row of rows) {
    const result = read(row, ignored);
    if ("violations" in result) {
      out.rejected.push(result);
      continue;
    }
    const first = seen.get(result.key);
    if (first) {
      const conflict = conflicting(result, first);
      out.duplicates.push({
        line: result.line,
        duplicateOf: first.line,
        key: result.key,
        conflicting: conflict,
      });
    } else {
      seen.set(result.key, result);
      out.candidates.push(result);
    }
  }
  if (ignored.size) out.warnings.push(`Ignored column(s): ${[...ignored].join(", ")}`);
  return out;
}
