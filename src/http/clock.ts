import { AbortedError } from "../errors/index.js";

/**
 * Time, injectable so that tests move it instead of waiting: what time it is, and how to wait. Every wait of the
 * client layers (retry backoff, the 429 gate, bulk's retries) goes through `sleep`. Default: {@link systemClock}.
 * @example connect({ clock: { now: () => fakeNowMs, sleep: (ms, signal) => fakeSleep(ms, signal) } })
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` by this clock; rejects with an AbortedError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now` and timers. */
export const systemClock: Clock = { now: () => Date.now(), sleep };

/**
 * Waits `ms` milliseconds, rejecting with an AbortedError as soon as `signal` aborts (the timer is cleared).
 * @example await sleep(250, signal)
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Settles like `promise`, or rejects with an AbortedError when `signal` aborts first (the promise keeps running:
 * use it for shared work that one caller must not cancel for the others).
 * @example const token = await abortable(sharedRefresh, signal)
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortedError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedError(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Calls `fire` after `ms` by `clock`; returns what cancels it (cheaper than cancelling a `sleep`).
 * @example const cancel = afterTimeout(clock, 30_000, () => controller.abort())
 */
export function afterTimeout(clock: Clock, ms: number, fire: () => void): () => void {
  // The real clock's timer is cleared directly: cancelling a sleep() makes an AbortError and an AbortedError,
  // two stack traces, per request (the top frames of bench/profile.ts's creates).
  if (clock === systemClock) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  }
  const settled = new AbortController();
  clock.sleep(ms, settled.signal).then(fire, () => undefined); // rejected: cancelled before the timeout
  return () => settled.abort();
}
