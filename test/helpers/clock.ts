import { AbortedError } from "../../src/errors/index.js";
import type { Clock } from "../../src/http/index.js";

interface Sleeper {
  readonly at: number;
  readonly wake: () => void;
}

/**
 * A clock that stands still until a test moves it: `sleep` resolves only when `advance` or `set` reaches its
 * end (and rejects with an AbortedError on abort), so waits by the clock take no real time.
 * @example const clock = new ManualClock(); const waiting = clock.sleep(2000); clock.advance(2000); await waiting
 */
export class ManualClock implements Clock {
  #nowMs: number;
  readonly #sleepers = new Set<Sleeper>();

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = {
        at: this.#nowMs + ms,
        wake: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#sleepers.delete(sleeper);
        reject(new AbortedError(signal?.reason));
      };
      this.#sleepers.add(sleeper);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** How many waits are pending (a test can tell that something is waiting on the clock). */
  get sleeping(): number {
    return this.#sleepers.size;
  }

  /** Moves time forward by `ms` and wakes every sleeper whose end has come. */
  advance(ms: number): void {
    this.set(this.#nowMs + ms);
  }

  /** Moves time to `ms` (never backwards) and wakes every sleeper whose end has come. */
  set(ms: number): void {
    this.#nowMs = Math.max(this.#nowMs, ms);
    for (const sleeper of this.#sleepers) {
      if (sleeper.at > this.#nowMs) continue;
      this.#sleepers.delete(sleeper);
      sleeper.wake();
    }
  }
}
