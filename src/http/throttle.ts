import { systemClock, type Clock } from "./clock.js";
import { parseRetryAfter } from "./retry-policy.js";
import type { SendWrapper } from "./types.js";
import { requestTarget } from "./url.js";

/** Per-origin "do not send before" times, shared by every caller of one session, kept by one clock. */
export interface PauseGate {
  /** The clock the pauses are measured and waited out by. */
  readonly clock: Clock;
  /** Resolves when `origin` is not paused (abortable); undefined when it is not paused now (nothing to await). */
  waitFor(origin: string, signal?: AbortSignal): Promise<void> | undefined;
  /** Holds every request to `origin` for `ms` from now (an earlier end never shortens a longer pause). */
  pause(origin: string, ms: number): void;
  /** How long, in all, some origin has been held by a 429 so far (overlapping pauses count once). */
  pausedMs(): number;
}

/**
 * A gate that pauses a whole origin; waiters wait by `clock.sleep`, so an injected clock drives the pauses.
 * @example const gate = createPauseGate(); gate.pause("https://host", 2000)
 */
export function createPauseGate(clock: Clock = systemClock): PauseGate {
  const until = new Map<string, number>();
  let scheduledMs = 0;
  return {
    clock,
    waitFor(origin, signal) {
      if ((until.get(origin) ?? 0) <= clock.now()) return undefined;
      return (async () => {
        // A pause may be lengthened while we wait: look again after each wait.
        for (let end = until.get(origin) ?? 0; end > clock.now(); end = until.get(origin) ?? 0) {
          await clock.sleep(end - clock.now(), signal);
        }
      })();
    },
    pause(origin, ms) {
      const now = clock.now();
      const current = Math.max(until.get(origin) ?? 0, now);
      const end = Math.max(current, now + ms);
      scheduledMs += end - current;
      until.set(origin, end);
    },
    pausedMs() {
      const now = clock.now();
      let ahead = 0;
      for (const end of until.values()) ahead += Math.max(0, end - now);
      return scheduledMs - ahead;
    },
  };
}

/** Options of {@link withOriginPause}. */
export interface OriginPauseOptions {
  /** The gate, with the clock that reads Retry-After dates and waits out the pauses. */
  readonly gate: PauseGate;
  /** Longest pause imposed on other callers (a longer Retry-After becomes the caller's RateLimitedError). */
  readonly maxPauseMs: number;
  /** Pause after a 429 without Retry-After. Default: 1,000. */
  readonly defaultPauseMs?: number;
}

/**
 * Makes a 429 pause the whole origin, not one caller: every request waits at the gate, and a 429 closes it for the
 * Retry-After time.
 * @example const send = withOriginPause({ gate: createPauseGate(clock), maxPauseMs: 60_000 })(next)
 */
export function withOriginPause(options: OriginPauseOptions): SendWrapper {
  const { gate, maxPauseMs, defaultPauseMs = 1000 } = options;
  return (next) => async (request) => {
    const { origin } = requestTarget(request.url);
    const paused = gate.waitFor(origin, request.signal);
    if (paused) await paused;
    const response = await next(request);
    if (response.status === 429) {
      const asked = parseRetryAfter(response.headers["retry-after"], gate.clock.now()) ?? defaultPauseMs;
      gate.pause(origin, Math.min(asked, maxPauseMs));
    }
    return response;
  };
}
