import { inspect } from "node:util";
import { SEVERITY_CSS } from "./colors.js";
import { cellText, columnsFor, isEntity, isRecordLike, SET_COLUMNS } from "./columns.js";
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

function cell(name: string, value: unknown): string {
  const css =
    name === "Severity" && typeof value === "string" ? SEVERITY_CSS[value.toLowerCase()] : undefined;
  const style = css ? ` style="color:${css};font-weight:bold"` : "";
  return `<td${style}>${escapeHtml(cellText(value))}</td>`;
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
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = shown.map((r) => `<tr>${columns.map((c) => cell(c, r[c])).join("")}</tr>`).join("");
  const notes = [`${shown.length} of ${records.length} row${records.length === 1 ? "" : "s"}`];
  if (page.count !== undefined) notes.push(`${page.count} in all`);
  if (page.hasMore) notes.push("more pages available");
  return `<table class="ti-table"><caption>${escapeHtml(notes.join(", "))}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function htmlRecord(entity: Readonly<Record<string, unknown>>): string {
  const rows = Object.entries(entity).map(([k, v]) => `<tr><th>${escapeHtml(k)}</th>${cell(k, v)}</tr>`);
  return `<table class="ti-record"><tbody>${rows.join("")}</tbody></table>`;
}
