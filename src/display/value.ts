import { inspect } from "node:util";
import { isEntity, isRecordLike } from "./columns.js";
import { formatError, isErrorLike } from "./error.js";
import { normalizeDisplayOptions, type DisplayOptions } from "./options.js";
import { formatRecord } from "./record.js";
import { formatTable } from "./table.js";
import { formatVertical } from "./vertical.js";

/**
 * Any value as text, by shape: an error as one line, a list of objects as a table, one entity as a record,
 * anything else through `util.inspect`.
 * @example formatValue(await iocs.list(), { width: 100, color: false })
 */
export function formatValue(value: unknown, options?: DisplayOptions): string {
  const opts = normalizeDisplayOptions(options);
  if (isErrorLike(value)) return formatError(value, opts);
  if (Array.isArray(value) && (value.length === 0 || value.some(isRecordLike))) {
    return opts.vertical && value.length > 0 ? formatVertical(value, opts) : formatTable(value, opts);
  }
  if (isEntity(value)) return formatRecord(value, opts);
  // Unbounded output (a pipe) breaks objects as a wide terminal would, not all on one line.
  const breakLength = Number.isFinite(opts.width) ? opts.width : 200;
  return inspect(value, { colors: opts.color, depth: 4, breakLength });
}
