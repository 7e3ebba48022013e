import type { Clock } from "./clock.js";
import type { HttpRequest, SendWrapper } from "./types.js";

/** One sliding window of a rate limit: at most `limit` calls in any `ms` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly ms: number;
}

/** Which budget a request draws on: a key (e.g. origin and endpoint) and its windows; undefined for none. */
export type BudgetRule = (
  request: HttpRequest,
) => { key: string; windows: readonly RateWindow[] } | undefined;

/** Options of {@link withRateBudget}. */
export interface RateBudgetOptions {
  readonly rule: BudgetRule;
  /** Tells the send times and waits. */
  readonly clock: Clock;
  /**
   * Each window is kept this much longer than the service's (a fraction, plus `marginMs`), because the service
   * counts arrivals and the client counts departures, whose delays differ. Default: 0.02 and 50.
   */
  readonly margin?: number;
  readonly marginMs?: number;
}

/**
 * Schedules requests within documented rate limits instead of running into 429s: before a request leaves, it
 * waits (by the clock, abortably) until every window of its budget has room, then counts itself. Put it inside
 * the concurrency limit, so that the counted time is the time on the wire.
 * @example const send = withRateBudget({ rule: () => ({ key: "k", windows: [{ limit: 30, ms: 60_000 }] }), clock })(next)
 */
export function withRateBudget(options: RateBudgetOptions): SendWrapper {
  const { rule, clock, margin = 0.02, marginMs = 50 } = options;
  const sent = new Map<string, number[]>();
  const waitMs = (times: readonly number[], windows: readonly RateWindow[], now: number): number => {
    let wait = 0;
    for (const { limit, ms } of windows) {
      const span = ms * (1 + margin) + marginMs;
      // The call that must leave the window before one more fits: the limit-th most recent.
      const blocking = times.length >= limit ? times[times.length - limit] : undefined;
      if (blocking !== undefined) wait = Math.max(wait, blocking + span - now);
    }
    return wait;
  };
  return (next) => async (request) => {
    const budget = rule(request);
    if (budget === undefined) return next(request);
    const times = sent.get(budget.key) ?? [];
    sent.set(budget.key, times);
    const longest = Math.max(...budget.windows.map((w) => w.ms * (1 + margin) + marginMs));
    // Look again after each wait: another caller may have taken the room meanwhile (check and count are atomic).
    for (let wait = waitMs(times, budget.windows, clock.now()); wait > 0;) {
      await clock.sleep(wait, request.signal);
      wait = waitMs(times, budget.windows, clock.now());
    }
    const now = clock.now();
    times.push(now);
    // Times older than the longest window no longer count.
    while ((times[0] ?? now) <= now - longest) times.shift();
    return next(request);
  };
}
