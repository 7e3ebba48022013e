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

/** One call a budget counted: its budget's key and when it left, in epoch milliseconds by the budget's clock. */
export interface BudgetCall {
  readonly key: string;
  readonly at: number;
}

/**
 * The calls of a rate budget, as another process may need them: listen to each call as it is counted (a journal
 * records it), and load the calls an earlier process made, so that both count against the same windows.
 */
export interface CallLedger {
  /**
   * Calls `listener` with each call as it is counted, before it leaves; a returned promise is awaited first, so
   * the call leaves only once it is recorded (a rejection fails the call). Returns the function that stops it.
   * @example const stop = ledger.onCall((call) => journal.append({ kind: "call", ...call }))
   */
  onCall(listener: (call: BudgetCall) => void | Promise<void>): () => void;
  /**
   * Counts calls made elsewhere (an earlier, killed process); calls already counted here are not counted twice.
   * @example ledger.load([{ key: "https://api.securitycenter.microsoft.com import", at: Date.now() - 5_000 }])
   */
  load(calls: readonly BudgetCall[]): void;
}

/** A rate budget: the send wrapper that schedules calls, and its {@link CallLedger}. */
export interface RateBudget extends CallLedger {
  readonly wrapper: SendWrapper;
}

/** Options of {@link createRateBudget} and {@link withRateBudget}. */
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
  return createRateBudget(options).wrapper;
}

/**
 * A rate budget as {@link withRateBudget} makes, with its ledger: the calls it counts can be recorded and the
 * calls of an earlier process loaded, so a run resumed within the windows stays within the limits.
 * @example const budget = createRateBudget({ rule: indicatorBudgetRule(), clock }); budget.load(journalCalls)
 */
export function createRateBudget(options: RateBudgetOptions): RateBudget {
  const { rule, clock, margin = 0.02, marginMs = 50 } = options;
  // Per key, the times of the calls counted, oldest first.
  const sent = new Map<string, number[]>();
  const listeners = new Set<(call: BudgetCall) => void | Promise<void>>();
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
  const timesOf = (key: string): number[] => {
    const times = sent.get(key) ?? [];
    sent.set(key, times);
    return times;
  };
  const wrapper: SendWrapper = (next) => async (request) => {
    const budget = rule(request);
    if (budget === undefined) return next(request);
    const times = timesOf(budget.key);
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
    // Recorded before it leaves: a process killed while the call is on the wire has still left it on record.
    if (listeners.size) await Promise.all([...listeners].map((l) => l({ key: budget.key, at: now })));
    return next(request);
  };
  return {
    wrapper,
    onCall: (listener) => {
      const own = (call: BudgetCall): void | Promise<void> => listener(call);
      listeners.add(own);
      return () => listeners.delete(own);
    },
    load: (calls) => {
      for (const [key, loaded] of groupByKey(calls)) {
        const times = timesOf(key);
        times.push(...notCounted(times, loaded));
        times.sort((a, b) => a - b);
      }
    },
  };
}

function groupByKey(calls: readonly BudgetCall[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const { key, at } of calls) {
    const times = byKey.get(key) ?? [];
    times.push(at);
    byKey.set(key, times);
  }
  return byKey;
}

// The loaded times beyond those counted already, as multisets: a journal read again by the process that wrote it
// (an apply after Ctrl-C) adds nothing, while two calls of one millisecond stay two.
function notCounted(counted: readonly number[], loaded: readonly number[]): number[] {
  const have = new Map<number, number>();
  for (const at of counted) have.set(at, (have.get(at) ?? 0) + 1);
  return loaded.filter((at) => {
    const n = have.get(at) ?? 0;
    if (n > 0) have.set(at, n - 1);
    return n === 0;
  });
}
