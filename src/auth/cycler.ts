import type { AccessToken } from "./token.js";

/** Options of {@link createTokenCycler}; windows are for a one-hour token and shrink for shorter ones. */
export interface TokenCyclerOptions {
  /** Injectable clock. Default: Date.now. */
  readonly clock?: { now(): number };
  /** Refresh in the background from this long before expiry (at most half the lifetime). Default: 300,000. */
  readonly refreshWindowMs?: number;
  /** Make callers wait for a fresh token in this last stretch (at most a tenth of the lifetime). Default: 60,000. */
  readonly blockWindowMs?: number;
  /** After a failed background refresh, wait this long before another (at most a twentieth of the lifetime). Default: 10,000. */
  readonly backgroundRetryMs?: number;
}

/** A cached token that refreshes itself when callers ask for it. */
export interface TokenCycler {
  /** The token to send now: the cached one, or (only near or past expiry) the one from the shared refresh. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** The service refused `token`: forget it if it is still the current one (a newer one is kept). */
  invalidate(token: string): void;
  /** The cached token, if any (for expiry and claims; its value stays a Secret). */
  readonly current: AccessToken | undefined;
}

/**
 * A token cycler in the manner of Azure's core-rest-pipeline: one cached token, one shared in-flight refresh,
 * background refresh in the early window, blocking only in the last one. Not a timer: nothing runs between calls.
 * @example const cycler = createTokenCycler((signal) => requestToken(signal))
 */
export function createTokenCycler(
  fetchToken: () => Promise<AccessToken>,
  options: TokenCyclerOptions = {},
): TokenCycler {
  const clock = options.clock ?? { now: () => Date.now() };
  let current: AccessToken | undefined;
  let inflight: Promise<AccessToken> | undefined;
  let quietUntilMs = 0;
  const refresh = (): Promise<AccessToken> =>
    (inflight ??= fetchToken()
      .then((token) => (current = token))
      .finally(() => (inflight = undefined)));
  const windows = (token: AccessToken) => scaledWindows(token.expiresOnMs - token.obtainedAtMs, options);
  return {
    async getToken(signal) {
      const now = clock.now();
      if (current && now < current.expiresOnMs - windows(current).blockMs) {
        const { refreshMs, retryMs } = windows(current);
        if (now >= current.expiresOnMs - refreshMs && !inflight && now >= quietUntilMs) {
          // Background refresh: callers keep the current token; a failure is retried after a quiet spell.
          refresh().catch(() => (quietUntilMs = clock.now() + retryMs));
        }
        return current.value.reveal();
      }
      return (await abortable(refresh(), signal)).value.reveal();
    },
    invalidate(token) {
      if (current?.value.reveal() === token) current = undefined;
    },
    get current() {
      return current;
    },
  };
}

/**
 * The refresh, block and background-retry windows for a token living `lifetimeMs`: the configured ones, shrunk
 * to half, a tenth and a twentieth of the lifetime for short-lived tokens.
 * @example scaledWindows(3000, {}) // { refreshMs: 1500, blockMs: 300, retryMs: 150 }
 */
export function scaledWindows(
  lifetimeMs: number,
  options: TokenCyclerOptions,
): { refreshMs: number; blockMs: number; retryMs: number } {
  return {
    refreshMs: Math.min(options.refreshWindowMs ?? 300_000, lifetimeMs / 2),
    blockMs: Math.min(options.blockWindowMs ?? 60_000, lifetimeMs / 10),
    retryMs: Math.min(options.backgroundRetryMs ?? 10_000, lifetimeMs / 20),
  };
}

// A waiter that gives up on its own abort without cancelling the shared refresh for the others.
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
