/**
 * Sliding-window request limits (per minute and per hour), as the successor API documents them. Accepted
 * request times form a queue; each window keeps the index of its oldest request still inside it, and the
 * indexes only move forward, so a request costs O(1) amortised whatever the traffic of the last hour.
 */
export class RateLimiter {
  readonly #windows: { readonly limit: number; readonly ms: number; head: number }[];
  // Times (ms) of accepted requests, oldest first; entries before the hour window's head are dead.
  #times: number[] = [];

  /** `scale` shortens both windows (60 makes the minute a second and the hour a minute), for tests. */
  constructor(perMinute: number | undefined, perHour: number | undefined, scale = 1) {
    this.#windows = [
      ...(perMinute === undefined ? [] : [{ limit: perMinute, ms: 60_000 / scale, head: 0 }]),
      ...(perHour === undefined ? [] : [{ limit: perHour, ms: 3_600_000 / scale, head: 0 }]),
    ];
  }

  /** True when a limit is configured at all. */
  get enabled(): boolean {
    return this.#windows.length > 0;
  }

  /**
   * Counts one request at `nowMs`; returns undefined when accepted, else the seconds to wait (Retry-After).
   * @example limiter.take(Date.now()) // undefined, or 12
   */
  take(nowMs: number): number | undefined {
    if (!this.enabled) return undefined;
    let waitMs = 0;
    for (const window of this.#windows) {
      while (window.head < this.#times.length && (this.#times[window.head] ?? 0) <= nowMs - window.ms)
        window.head++;
      if (this.#times.length - window.head < window.limit) continue;
      // The request that must age out before one more fits.
      const blocking = this.#times[this.#times.length - window.limit] ?? nowMs;
      waitMs = Math.max(waitMs, blocking + window.ms - nowMs);
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    this.#times.push(nowMs);
    this.#dropDead();
    return undefined;
  }

  /** Forgets every counted request (admin reset). */
  clear(): void {
    this.#times = [];
    for (const window of this.#windows) window.head = 0;
  }

  /** Drops times no window looks at any more, once they are half the queue (so the copy is amortised). */
  #dropDead(): void {
    const dead = Math.min(...this.#windows.map((w) => w.head));
    if (dead < 1024 || dead * 2 < this.#times.length) return;
    this.#times = this.#times.slice(dead);
    for (const window of this.#windows) window.head -= dead;
  }
}
