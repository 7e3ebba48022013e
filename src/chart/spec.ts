import { SEVERITY_CSS } from "../display/index.js";
import type { ChartCount } from "./types.js";

/** What a spec needs besides the counts. */
export interface SpecLabels {
  readonly title: string;
  /** A line under the title ("" for none): what the chart leaves out. */
  readonly note: string;
  readonly label: string;
  readonly countLabel: string;
  readonly width: number;
  readonly severity: boolean;
}

const BAR_COLOUR = "#4e79a7";
const ROW_PX = 22;
const FONT = "Helvetica, Arial, sans-serif";

// One look for every chart: a white background (a data URL image on a dark theme stays readable), one font.
const CONFIG = {
  background: "white",
  font: FONT,
  title: { fontSize: 14, anchor: "start" },
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 220 },
  view: { stroke: null },
} as const;

/**
 * A horizontal bar per key in the order given, the count at each bar's end; severities in the tables' colours.
 * @example barSpec([{ key: "High", count: 3 }], { title: "By severity", note: "", label: "Severity", countLabel: "Count", width: 480, severity: true })
 */
export function barSpec(counts: readonly ChartCount[], labels: SpecLabels): Record<string, unknown> {
  const order = counts.map((c) => c.key);
  const colour = labels.severity
    ? {
        field: "key",
        type: "nominal",
        legend: null,
        scale: { domain: order, range: order.map((k) => SEVERITY_CSS[k.toLowerCase()] ?? BAR_COLOUR) },
      }
    : { value: BAR_COLOUR };
  const y = { field: "key", type: "nominal", sort: order, title: labels.label };
  const x = { field: "count", type: "quantitative", title: labels.countLabel, axis: { tickMinStep: 1 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: labels.note ? { text: labels.title, subtitle: labels.note } : labels.title,
    width: labels.width,
    height: Math.max(ROW_PX * 2, ROW_PX * counts.length),
    // Copies: vega marks the objects it is given.
    data: { values: counts.map((c) => ({ ...c })) },
    encoding: { y, x },
    layer: [
      { mark: { type: "bar" }, encoding: { color: colour } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 11 }, encoding: { text: { field: "count" } } },
    ],
    config: CONFIG,
  };
}

/**
 * Bars of items per UTC day on a time axis, with days of none at 0.
 * @example timeSpec([{ key: "2026-10-01", count: 4 }], { title: "IOCs created per day", note: "", label: "Day", countLabel: "IOCs", width: 480, severity: false })
 */
export function timeSpec(counts: readonly ChartCount[], labels: SpecLabels): Record<string, unknown> {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: labels.title,
    width: labels.width,
    height: 180,
    // Copies: vega marks the objects it is given.
    data: { values: counts.map((c) => ({ ...c })) },
    mark: { type: "bar", color: BAR_COLOUR },
    encoding: {
      x: {
        field: "key",
        type: "temporal",
        timeUnit: "utcyearmonthdate",
        title: labels.label,
        axis: { format: "%b %d", labelAngle: 0 },
        scale: { type: "utc" },
      },
      y: { field: "count", type: "quantitative", title: labels.countLabel, axis: { tickMinStep: 1 } },
    },
    config: CONFIG,
  };
}
