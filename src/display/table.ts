import { isSeverityColumn, paint, severityStyle } from "./colors.js";
import { cellText, columnsFor, isNeverCut, isNumericColumn, isRecordLike, SET_COLUMNS } from "./columns.js";
import { normalizeDisplayOptions, type DisplayOptions } from "./options.js";
import { listFooter, pageInfo } from "./page.js";
import { oneLine, padEnd, padStart, truncate } from "./text.js";

const GAP = "  ";
const MIN_COLUMN = 3;
const MAX_NATURAL = 60;

/**
 * A list of objects as an aligned text table that fits `width` (free text cut with an ellipsis, identifiers such
 * as Id and Value never cut, numbers right-aligned, severity coloured when `color`), with a footer when rows were
 * cut or more pages exist.
 * @example formatTable(await alerts.list(), { width: process.stdout.columns, color: true })
 */
export function formatTable(rows: readonly unknown[], options?: DisplayOptions): string {
  const opts = normalizeDisplayOptions(options);
  const records = rows.filter(isRecordLike);
  const page = pageInfo(rows);
  const set = page.entitySet === undefined ? undefined : SET_COLUMNS[page.entitySet];
  if (rows.length === 0 && set) {
    // An empty list from the service still shows what it would hold, as the docs' first list does.
    return [
      paint(set.columns.join(GAP), "bold", opts.color),
      paint(`(no ${set.noun})`, "dim", opts.color),
    ].join("\n");
  }
  if (records.length === 0)
    return rows.length === 0 ? "(no rows)" : `(${rows.length} rows, none are objects)`;
  const shown = records.slice(0, opts.maxRows);
  const columns = fitColumns(columnsFor(shown), shown, opts.width);
  // The last column is not padded, so no line ends in spaces (with or without colour codes).
  const fit = (text: string, c: Column, i: number): string => {
    const cut = c.identifier ? text : truncate(text, c.width);
    if (c.numeric) return padStart(cut, c.width);
    return i === columns.length - 1 ? cut : padEnd(cut, c.width);
  };
  const header = columns.map((c, i) => paint(fit(c.name, c, i), "bold", opts.color));
  const lines = [header.join(GAP).trimEnd()];
  for (const row of shown) {
    const cells = columns.map((c, i) => {
      const text = fit(oneLine(cellText(row[c.name])), c, i);
      const style = isSeverityColumn(c.name) ? severityStyle(row[c.name]) : undefined;
      return style ? paint(text, style, opts.color) : text;
    });
    lines.push(cells.join(GAP).trimEnd());
  }
  const setName = set?.name ?? ("Value" in (shown[0] ?? {}) ? "iocs" : "alerts");
  const footer = listFooter(shown.length, records.length, page, setName);
  return [...lines, ...footer.map((f) => paint(f, "dim", opts.color))].join("\n");
}

interface Column {
  readonly name: string;
  readonly identifier: boolean;
  readonly numeric: boolean;
  width: number;
}

/**
 * Natural widths, then the widest free-text columns shrink (and finally trailing free-text columns go) until
 * the table fits. Identifier columns keep their full width: a line may overflow rather than cut an id.
 */
function fitColumns(
  names: readonly string[],
  rows: readonly Record<string, unknown>[],
  width: number,
): Column[] {
  const columns: Column[] = names.map((name) => {
    const identifier = isNeverCut(name);
    const natural = Math.max(name.length, ...rows.map((r) => [...oneLine(cellText(r[name]))].length));
    return {
      name,
      identifier,
      numeric: isNumericColumn(name, rows),
      // A terminal's free text stops at MAX_NATURAL to leave room for the rest; unbounded output cuts nothing.
      width: identifier || !Number.isFinite(width) ? natural : Math.min(MAX_NATURAL, natural),
    };
  });
  const total = (): number =>
    columns.reduce((sum, c) => sum + c.width, 0) + GAP.length * (columns.length - 1);
  const kept = columns.filter((c) => c.identifier);
  // Dropping free columns only helps when the never-cut ones fit; else the line overflows with every column.
  const dropping = kept.reduce((sum, c) => sum + c.width + GAP.length, 0) <= width;
  while (total() > width) {
    const free = columns.filter((c) => !c.identifier);
    const widest = free.reduce<Column | undefined>(
      (a, b) => (a === undefined || b.width > a.width ? b : a),
      undefined,
    );
    if (widest !== undefined && widest.width > Math.max(MIN_COLUMN, 8)) widest.width -= 1;
    else if (dropping && free.length > 0 && columns.length > 1)
      columns.splice(columns.lastIndexOf(free.at(-1)!), 1);
    else break;
  }
  return columns;
}
