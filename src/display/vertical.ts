import { isRecordLike } from "./columns.js";
import { normalizeDisplayOptions, type DisplayOptions } from "./options.js";
import { formatRecord } from "./record.js";

/**
 * A list as one record per row under a `-[ n ]-` line (psql's expanded view): every field in full, for rows
 * too wide for a table. Rows past `maxRows` are counted, not shown.
 * @example formatVertical(await iocs.list(), { maxRows: 5 })
 */
export function formatVertical(rows: readonly unknown[], options?: DisplayOptions): string {
  const opts = normalizeDisplayOptions(options);
  const records = rows.filter(isRecordLike);
  const shown = records.slice(0, opts.maxRows);
  const blocks = shown.map((row, i) => `-[ ${i + 1} ]-\n${formatRecord(row, opts)}`);
  if (shown.length < records.length)
    blocks.push(`… ${records.length - shown.length} more (${records.length} in all)`);
  return blocks.join("\n");
}
