import { inspect } from "node:util";
import type { HtmlDisplay } from "../display/index.js";

/** The kinds of chart {@link chart} draws: counts by a field as bars, or items per day over time. */
export type ChartKind = "bar" | "time";

/** What a chart counts and how it is labelled; `T` is the rows' type, so `by` completes their field names. */
export interface ChartOptions<T extends object = Record<string, unknown>> {
  /** The title above the chart. Default: what is counted, e.g. "Count by Severity". */
  title?: string;
  /**
   * The field counted: for `bar` the category (default `Severity` when rows have one), for `time` the date
   * (default `CreatedAt`, else `creationTimeDateTimeUtc`). A function reads the key from a row instead.
   */
  by?: (keyof T & string) | ((row: T) => unknown);
  /** The axis label for what `by` reads. Default: the field's name. */
  label?: string;
  /** The axis label of the counts. Default "Count". */
  countLabel?: string;
  /** Bars always shown, in this order, even at 0 (severities are always all shown, highest first). */
  keys?: readonly string[];
  /** Bars shown, the largest (after `keys`); the chart and its text say how many more were left out. Default 15. */
  limit?: number;
  /** Chart width in pixels. Default 480. */
  width?: number;
}

/** A Jupyter display bundle of a chart: the image, the image as HTML, and the counts as text. */
export interface ChartBundle {
  readonly "image/svg+xml": string;
  /** An `<img>` whose source is the SVG as a data URL: it renders untrusted and in nbconvert's HTML export. */
  readonly "text/html": string;
  /** The counts as a text table under the title, for terminals and saved copies. */
  readonly "text/plain": string;
}

/** One counted bar (or day). */
export interface ChartCount {
  readonly key: string;
  readonly count: number;
}

/** A rendered chart: show it in a notebook with `display(tslab.display)`, print it for its text. */
export interface Chart {
  readonly kind: ChartKind;
  readonly title: string;
  /** The counts drawn, in the order drawn. */
  readonly counts: readonly ChartCount[];
  /** The Vega-Lite spec the SVG was rendered from (open it in the Vega editor to restyle). */
  readonly spec: Record<string, unknown>;
  readonly svg: string;
  bundle(): ChartBundle;
  /** Shows the chart in a notebook as one output carrying every representation: `c.display(tslab.display)`. */
  display(target: HtmlDisplay): void;
  /** The text form: the title and the counts as a table. */
  toString(): string;
  /** What `util.inspect` (the REPL, `console.log`) shows: the text form. */
  [inspect.custom](): string;
}
