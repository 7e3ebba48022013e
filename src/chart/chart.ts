import { inspect } from "node:util";
import { ValidationError } from "../errors/index.js";
import { escapeHtml, formatTable, type HtmlDisplay } from "../display/index.js";
import { countByDay, countByKey, isSeverityField, keyReader } from "./counts.js";
import { renderSvg } from "./render.js";
import { barSpec, timeSpec, type SpecLabels } from "./spec.js";
import type { Chart, ChartBundle, ChartCount, ChartKind, ChartOptions } from "./types.js";

type Row = Record<string, unknown>;
const KINDS: readonly ChartKind[] = ["bar", "time"];

/**
 * A chart of `rows` rendered to SVG with Vega-Lite (optional packages `vega` and `vega-lite`): `"bar"` counts
 * rows by a field (severities in the tables' colours, highest first), `"time"` counts rows per day of a date.
 * Resolves to a display bundle (SVG, an `<img>` for HTML, the counts as text).
 * @example (await chart("bar", await alerts.list().toArray(), { by: "Severity" })).display(tslab.display)
 */
export async function chart<T extends object>(
  kind: ChartKind,
  rows: readonly T[],
  options: ChartOptions<T> = {},
): Promise<Chart> {
  // The rows' type only serves completion and checking of `by`; counting reads plain records.
  const opts = normalizeChartOptions(kind, rows, options as ChartOptions);
  const read = keyReader(opts.by);
  const records = rows as readonly Row[];
  const { counts, hidden } =
    kind === "bar" ? countByKey(records, read, opts) : { counts: countByDay(records, read), hidden: 0 };
  const labels: SpecLabels = {
    title: opts.title ?? (kind === "bar" ? `Count by ${opts.label}` : `Count per day (${opts.label})`),
    note:
      hidden > 0
        ? `the ${opts.limit ?? 15} largest of ${counts.length + hidden}; ${hidden} more not shown`
        : "",
    label: opts.label,
    countLabel: opts.countLabel,
    width: opts.width,
    severity: kind === "bar" && isSeverityField(opts.by),
  };
  const spec = kind === "bar" ? barSpec(counts, labels) : timeSpec(counts, labels);
  const svg = await renderSvg(spec);
  const text = kind === "bar" ? barText(labels, counts) : timeText(labels, counts);
  const bundle = (): ChartBundle => ({
    "image/svg+xml": svg,
    "text/html": imgTag(svg, labels.title),
    "text/plain": text,
  });
  return {
    kind,
    title: labels.title,
    counts,
    spec,
    svg,
    bundle,
    display: (target: HtmlDisplay) =>
      target.bundle ? target.bundle({ ...bundle() }) : target.html(bundle()["text/html"]),
    toString: () => text,
    // The REPL and console.log show the counts, not kilobytes of SVG.
    [inspect.custom]: () => text,
  };
}

interface NormalizedChartOptions extends ChartOptions {
  readonly by: NonNullable<ChartOptions["by"]>;
  readonly label: string;
  readonly countLabel: string;
  readonly width: number;
}

function normalizeChartOptions(kind: unknown, rows: unknown, options: ChartOptions): NormalizedChartOptions {
  if (!KINDS.includes(kind as ChartKind)) refuse("kind", kind, `must be one of ${KINDS.join(", ")}`);
  if (!Array.isArray(rows) || !rows.every((r) => typeof r === "object" && r !== null))
    refuse("rows", typeof rows, "must be an array of objects (entities or records)");
  const first = (rows as Row[])[0] ?? {};
  const by =
    options.by ??
    (kind === "bar"
      ? "severity" in first
        ? "severity"
        : "Severity"
      : "creationTimeDateTimeUtc" in first
        ? "creationTimeDateTimeUtc"
        : "CreatedAt");
  const width = options.width ?? 480;
  if (!Number.isInteger(width) || width < 100 || width > 2000)
    refuse("width", width, "must be an integer from 100 to 2000");
  const limit = options.limit ?? 15;
  if (!Number.isInteger(limit) || limit < 2) refuse("limit", limit, "must be an integer of at least 2");
  const label = options.label ?? (typeof by === "string" ? by : "Value");
  return { ...options, by, label, countLabel: options.countLabel ?? "Count", width, limit };
}

function refuse(field: string, value: unknown, rule: string): never {
  throw new ValidationError(`chart ${field}: ${JSON.stringify(value)} ${rule}`, [{ field, value, rule }]);
}

function imgTag(svg: string, title: string): string {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  return `<img class="ti-chart" alt="${escapeHtml(title)}" src="${src}">`;
}

function barText(labels: SpecLabels, counts: readonly ChartCount[]): string {
  const rows = counts.map((c) => ({ [labels.label]: c.key, [labels.countLabel]: c.count }));
  const note = labels.note ? ` (${labels.note})` : "";
  return `${labels.title}${note}\n${formatTable(rows, { maxRows: counts.length })}`;
}

const SPARKS = "▁▂▃▄▅▆▇█";

// A long run of days does not fit a table: one line of figures, and a sparkline with one character a day.
function timeText(labels: SpecLabels, counts: readonly ChartCount[]): string {
  if (counts.length === 0) return `${labels.title}\n(no dates)`;
  const total = counts.reduce((n, c) => n + c.count, 0);
  const max = Math.max(...counts.map((c) => c.count));
  const busiest = counts.find((c) => c.count === max)!;
  const spark = counts
    .map((c) => (c.count === 0 ? " " : SPARKS[Math.ceil((c.count / max) * SPARKS.length) - 1]))
    .join("");
  const days = `${counts.length} day${counts.length === 1 ? "" : "s"}`;
  return [
    labels.title,
    `${total} from ${counts[0]!.key} to ${counts.at(-1)!.key} (${days}); most on ${busiest.key} (${max})`,
    spark,
  ].join("\n");
}
