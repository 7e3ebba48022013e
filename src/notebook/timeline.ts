import type { RequestLogEntry } from "../http/index.js";

/** One row of {@link requestTimeline}: a table's worth of one exchange. */
export interface TimelineRow {
  /** Seconds since the first exchange shown, to the millisecond. */
  readonly At: string;
  readonly Method: string;
  /** Path and query (the host is the same for a whole run). */
  readonly Path: string;
  /** The status, or what ended the attempt without one (`timeout`, `network`). */
  readonly Status: number | string;
  readonly Attempt: number;
  /** The retry policy's wait before this attempt. */
  readonly WaitedMs: number;
  readonly Ms: number;
}

/**
 * The request log as a per-attempt timeline: when each exchange started (relative to the first), what it was,
 * how it ended, which attempt of its call it was and how long the retry waited before it. Show it with `pp`.
 * @example pp(requestTimeline(wire.slice(before)))
 */
export function requestTimeline(entries: readonly RequestLogEntry[]): TimelineRow[] {
  const first = entries[0]?.startedAtMs ?? 0;
  return entries.map((entry) => ({
    At: `+${((entry.startedAtMs - first) / 1000).toFixed(3)} s`,
    Method: entry.method,
    Path: pathOf(entry.url),
    Status: entry.status ?? entry.error ?? "no answer",
    Attempt: entry.attempt,
    WaitedMs: Math.round(entry.waitedMs),
    Ms: Math.round(entry.durationMs),
  }));
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`.replace(/%24/g, "$");
  } catch {
    return url;
  }
}
