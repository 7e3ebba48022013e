// Charts for notebooks: Vega-Lite specs rendered to SVG in Node, returned as display bundles.
export { chart } from "./chart.js";
export type { Chart, ChartBundle, ChartCount, ChartKind, ChartOptions } from "./types.js";
