import { isSeverityColumn, paint, severityStyle } from "./colors.js";
import { cellText, isIdentifierColumn, isRecordLike } from "./columns.js";
import { normalizeDisplayOptions, type DisplayOptions } from "./options.js";
import { formatTable } from "./table.js";
import { padEnd, wrap } from "./text.js";

/**
 * One entity as a record: one `Field  value` line per field, long free text wrapped to `width` (never an
 * identifier), nested lists of
 * entities (an `$expand`) as an indented table.
 * @example formatRecord(await alerts.get(1), { width: 80 })
 */
export function formatRecord(entity: Readonly<Record<string, unknown>>, options?: DisplayOptions): string {
  const opts = normalizeDisplayOptions(options);
  const entries = Object.entries(entity);
  if (entries.length === 0) return "{}";
  const keyWidth = Math.max(...entries.map(([key]) => key.length));
  const valueWidth = Math.max(10, opts.width - keyWidth - 2);
  const lines: string[] = [];
  for (const [key, value] of entries) {
    const label = paint(padEnd(key, keyWidth), "bold", opts.color);
    if (Array.isArray(value) && value.some(isRecordLike)) {
      lines.push(`${label}  [${value.length}]`);
      const nested = formatTable(value, { ...opts, width: opts.width - 4 });
      lines.push(...nested.split("\n").map((l) => `    ${l}`));
      continue;
    }
    // An identifier stays on one line, whole: a wrapped hash cannot be copied.
    const text = cellText(value);
    const [first = "", ...rest] = isIdentifierColumn(key) ? [text] : wrap(text, valueWidth);
    const style = isSeverityColumn(key) ? severityStyle(value) : undefined;
    const shown = value === null ? paint("null", "dim", opts.color) : first;
    lines.push(`${label}  ${style ? paint(shown, style, opts.color) : shown}`);
    for (const more of rest) lines.push(`${" ".repeat(keyWidth)}  ${more}`);
  }
  return lines.join("\n");
}
