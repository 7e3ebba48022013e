import { STATUS_CODES } from "node:http";
import { escapeHtml, type DisplayBundle } from "../display/index.js";
import type { RequestLogEntry } from "../http/index.js";
import { serviceUrl } from "./service-url.js";

/** Options of {@link exchangeBundle}. */
export interface ExchangeDisplayOptions {
  /** Longest array shown whole in a body (a page of entities); longer ones show this many and a count. Default: 3. */
  readonly maxItems?: number;
}

/**
 * One exchange of the request log as the docs show it: the request line on the real service's URL (the emulator's
 * beside it), the request body and the reply's JSON pretty-printed (their emulator URLs, such as `@odata.context`,
 * mapped too), credentials already redacted by the log.
 * Needs an entry with bodies (`connect({ onRequest })` or `session.onRequest(fn, { bodies: true })`).
 * @example tslab.display.bundle(exchangeBundle(wire.at(-1)!))
 */
export function exchangeBundle(entry: RequestLogEntry, options: ExchangeDisplayOptions = {}): DisplayBundle {
  const maxItems = options.maxItems ?? 3;
  const url = serviceUrl(entry.url);
  const outcome =
    entry.status === undefined
      ? `no answer (${entry.error ?? "error"})`
      : `${entry.status} ${STATUS_CODES[entry.status] ?? ""}`.trim();
  const head = `${entry.method} ${url} → ${outcome} (${Math.round(entry.durationMs)} ms)`;
  const via = url === entry.url ? undefined : `sent to the emulator at ${entry.url}`;
  const parts: [string, unknown][] = [];
  if (entry.requestBody !== undefined) parts.push(["Request body", shown(entry.requestBody, maxItems)]);
  if (entry.responseBody !== undefined) parts.push(["Reply", shown(entry.responseBody, maxItems)]);
  if (entry.responseBody === undefined && entry.status !== undefined) parts.push(["Reply", "(no body)"]);
  const text = [head, ...(via ? [`  (${via})`] : []), ...parts.map(([t, v]) => `${t}:\n${pretty(v)}`)];
  const html = [
    `<div class="ti-exchange"><p><b>${escapeHtml(entry.method)}</b> <code>${escapeHtml(url)}</code> → <b>${escapeHtml(outcome)}</b> (${Math.round(entry.durationMs)} ms)</p>`,
    ...(via ? [`<p><small>${escapeHtml(via)}</small></p>`] : []),
    ...parts.map(([t, v]) => `<p>${escapeHtml(t)}:</p><pre>${escapeHtml(pretty(v))}</pre>`),
    "</div>",
  ];
  return { "text/plain": text.join("\n"), "text/html": html.join("") };
}

function pretty(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** A copy with every array longer than `max` cut to `max` items (and a count of the rest), URLs mapped. */
function shown(value: unknown, max: number): unknown {
  if (typeof value === "string") return /^https?:\/\//.test(value) ? serviceUrl(value) : value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, max).map((item) => shown(item, max));
    return value.length > max ? [...kept, `… ${value.length - max} more`] : kept;
  }
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v, max)]));
}
