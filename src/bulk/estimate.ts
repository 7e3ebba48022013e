import { INDICATOR_RATE_LIMITS, type IndicatorEndpoint } from "../schema/index.js";

/**
 * Minutes that `calls` calls of an Indicators API endpoint take at its documented limits (per minute, and per
 * hour once there are more than an hour's worth).
 * @example callMinutes(30, "import") // 1
 */
export function callMinutes(calls: number, endpoint: IndicatorEndpoint): number {
  const { perMinute, perHour } = INDICATOR_RATE_LIMITS[endpoint];
  return Math.max(calls / perMinute, calls > perHour ? (calls / perHour) * 60 : 0);
}

/**
 * A duration in words, rounded as a plan says it: "under a minute", "about 1 minute", "about 10 hours".
 * @example aboutMinutes(600) // "about 10 hours"
 */
export function aboutMinutes(minutes: number): string {
  if (minutes < 0.75) return "under a minute";
  if (minutes < 90) {
    const n = Math.round(minutes);
    return `about ${n} minute${n === 1 ? "" : "s"}`;
  }
  const hours = Math.round(minutes / 60);
  return `about ${hours} hour${hours === 1 ? "" : "s"}`;
}

/**
 * What a plan of `items` indicator writes says of its calls: `15,000 indicators: 30 import calls, about 1 minute
 * (one submit each would take about 10 hours)`.
 * @example estimateText(15000, 30, "import", "indicators")
 */
export function estimateText(
  items: number,
  calls: number,
  endpoint: IndicatorEndpoint,
  noun: string,
): string {
  const name = endpoint === "batchDelete" ? "BatchDelete" : endpoint;
  const main = `${items.toLocaleString("en-US")} ${noun}: ${calls.toLocaleString("en-US")} ${name} call${calls === 1 ? "" : "s"}, ${aboutMinutes(callMinutes(calls, endpoint))}`;
  const single = endpoint === "batchDelete" ? "delete" : "submit";
  const one = `one ${single} each would take ${aboutMinutes(callMinutes(items, single))}`;
  return items > calls ? `${main} (${one})` : main;
}
