import { abortable, systemClock, type Clock } from "../http/index.js";
import type { AccessToken } from "./token.js";

/** Options of {@link normalizeTokenCyclerOptions}; windows are for a one-hour token and shrink for shorter ones. */
export interface TokenCyclerOptions {
  /** Default: {@link systemClock}. */
  readonly clock?: Clock | undefined;
  /** Refresh in the background from this long before expiry (at most half the lifetime). Default: 300,000. */
  readonly refreshWindowMs?: number | undefined;
  /** Make callers wait for a fresh token in this last stretch (at most a tenth of the lifetime). Default: 60,000. */
  readonly blockWindowMs?: number | undefined;
  /** After a failed background refresh, wait this long before another (at most a twentieth of the lifetime). Default: 10,000. */
  readonly backgroundRetryMs?: number | undefined;
}

/** {@link TokenCyclerOptions} with every default applied. */
export type TokenCyclerSettings = {
  readonly [K in keyof TokenCyclerOptions]-?: Exclude<TokenCyclerOptions[K], undefined>;
};

/**
 * The cycler's settings, defaults applied once.
 * @example normalizeTokenCyclerOptions({ refreshWindowMs: 120_000 }).blockWindowMs // 60000
 */
export function normalizeTokenCyclerOptions(options: TokenCyclerOptions = {}): TokenCyclerSettings {
  return {
    clock: options.clock ?? systemClock,
    refreshWindowMs: options.refreshWindowMs ?? 300_000,
    blockWindowMs: options.blockWindowMs ?? 60_000,
    backgroundRetryMs: options.backgroundRetryMs ?? 10_000,
  };
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
 * A waiter that aborts gets an AbortedError; the shared refresh goes on for the others.
 * @example const cycler = createTokenCycler(requestToken, normalizeTokenCyclerOptions())
 */
export function createTokenCycler(
  fetchToken: () => Promise<AccessToken>,
  settings: TokenCyclerSettings,
): TokenCycler {
  const { clock } = settings;
  let current: AccessToken | undefined;
  let inflight: Promise<AccessToken> | undefined;
  let quietUntilMs = 0;
  const refresh = (): Promise<AccessToken> =>
    (inflight ??= fetchToken()
      .then((token) => (current = token))
      .finally(() => (inflight = undefined)));
  const windows = (token: AccessToken) => scaledWindows(token.expiresOnMs - token.obtainedAtMs, settings);
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
 * @example scaledWindows(3000, normalizeTokenCyclerOptions()) // { refreshMs: 1500, blockMs: 300, retryMs: 150 }
 */
export function scaledWindows(
  lifetimeMs: number,
  settings: Omit<TokenCyclerSettings, "clock">,
): { refreshMs: number; blockMs: number; retryMs: number } {
  return {
    refreshMs: Math.min(settings.refreshWindowMs, lifetimeMs / 2),
    blockMs: Math.min(settings.blockWindowMs, lifetimeMs / 10),
    retryMs: Math.min(settings.backgroundRetryMs, lifetimeMs / 20),
  };
}
