import { inspect } from "node:util";
import { isSeverityColumn, SEVERITY_CSS } from "./colors.js";
import { cellText, columnsFor, isEntity, isNumericColumn, isRecordLike, SET_COLUMNS } from "./columns.js";
import { formatError, isErrorLike } from "./error.js";
import { normalizeDisplayOptions, type DisplayOptions } from "./options.js";
import { pageInfo } from "./page.js";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A value as an HTML fragment for notebooks: lists of objects as a table (severity coloured, capped at
 * `maxRows`, default 100, with a count), one entity as a two-column table, errors and others as `<pre>`.
 * Every value is escaped.
 * @example tslab.display.html(toHtml(await alerts.list()))
 */
export function toHtml(value: unknown, options?: DisplayOptions): string {
  const opts = normalizeDisplayOptions(options, { maxRows: 100 });
  if (isErrorLike(value)) return `<pre class="ti-error">${escapeHtml(formatError(value))}</pre>`;
  if (Array.isArray(value) && (value.length === 0 || value.some(isRecordLike)))
    return htmlTable(value, opts.maxRows);
  if (isEntity(value)) return htmlRecord(value);
  return `<pre>${escapeHtml(inspect(value, { depth: 4 }))}</pre>`;
}

// Untrusted notebooks lose `style` attributes and Jupyter's CSS right-aligns every cell, so alignment and
// colour use markup its sanitizer keeps: `align` on an inner div (beats the inherited CSS) and `<font color>`.
function cell(name: string, value: unknown, numeric = false): string {
  const text = escapeHtml(cellText(value));
  if (numeric) return `<td align="right" class="ti-num">${text}</td>`;
  const css =
    isSeverityColumn(name) && typeof value === "string" ? SEVERITY_CSS[value.toLowerCase()] : undefined;
  const shown = css ? `<font color="${css}"><b>${text}</b></font>` : text;
  const kind = css ? ` class="ti-severity-${escapeHtml(String(value).toLowerCase())}"` : "";
  return `<td align="left"${kind}><div align="left">${shown}</div></td>`;
}

function htmlTable(rows: readonly unknown[], maxRows: number): string {
  const records = rows.filter(isRecordLike);
  const shown = records.slice(0, maxRows);
  const page = pageInfo(rows);
  // An empty page from the service still shows the columns its set would have.
  const columns =
    shown.length === 0 && page.entitySet !== undefined
      ? (SET_COLUMNS[page.entitySet]?.columns ?? [])
      : columnsFor(shown);
  const numeric = new Set(columns.filter((c) => isNumericColumn(c, shown)));
  const th = (c: string): string =>
    `<th align="${numeric.has(c) ? "right" : "left"}"><div align="${numeric.has(c) ? "right" : "left"}">${escapeHtml(c)}</div></th>`;
  const head = `<tr>${columns.map(th).join("")}</tr>`;
  const body = shown
    .map((r) => `<tr>${columns.map((c) => cell(c, r[c], numeric.has(c))).join("")}</tr>`)
    .join("");
  // A caption only when it tells something: rows cut, a total from $count, or more pages.
  const notes: string[] = [];
  if (shown.length < records.length) notes.push(`${shown.length} of ${records.length} rows`);
  else if (records.length > 1 && (page.count !== undefined || page.hasMore))
    notes.push(`${records.length} rows`);
  if (page.count !== undefined) notes.push(`${page.count} in all`);
  if (page.hasMore) notes.push("more pages available");
  const caption = notes.length > 0 ? `<caption>${escapeHtml(notes.join(", "))}</caption>` : "";
  return `<table class="ti-table">${caption}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function htmlRecord(entity: Readonly<Record<string, unknown>>): string {
  const rows = Object.entries(entity).map(
    ([k, v]) => `<tr><th align="left"><div align="left">${escapeHtml(k)}</div></th>${cell(k, v)}</tr>`,
  );
  return `<table class="ti-record"><tbody>${rows.join("")}</tbody></table>`;
}
