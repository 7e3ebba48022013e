/** Sliding-window request limits (per minute and per hour), as the successor API documents them. */
export class RateLimiter {
  readonly #perMinute: number | undefined;
  readonly #perHour: number | undefined;
  readonly #minuteMs: number;
  readonly #hourMs: number;
  // Times (ms) of accepted requests within the last hour, oldest first.
  #times: number[] = [];

  /** `scale` shortens both windows (60 makes the minute a second and the hour a minute), for tests. */
  constructor(perMinute: number | undefined, perHour: number | undefined, scale = 1) {
    this.#perMinute = perMinute;
    this.#perHour = perHour;
    this.#minuteMs = 60_000 / scale;
    this.#hourMs = 3_600_000 / scale;
  }

  /** True when a limit is configured at all. */
  get enabled(): boolean {
    return this.#perMinute !== undefined || this.#perHour !== undefined;
  }

  /**
   * Counts one request at `nowMs`; returns undefined when accepted, else the seconds to wait (Retry-After).
   * @example limiter.take(Date.now()) // undefined, or 12
   */
  take(nowMs: number): number | undefined {
    if (!this.enabled) return undefined;
    const hourAgo = nowMs - this.#hourMs;
    let drop = 0;
    while (drop < this.#times.length && (this.#times[drop] ?? 0) <= hourAgo) drop++;
    if (drop > 0) this.#times = this.#times.slice(drop);
    const wait = Math.max(
      this.#waitFor(this.#perMinute, this.#minuteMs, nowMs),
      this.#waitFor(this.#perHour, this.#hourMs, nowMs),
    );
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    this.#times.push(nowMs);
    return undefined;
  }

  /** Forgets every counted request (admin reset). */
  clear(): void {
    this.#times = [];
  }

  #waitFor(limit: number | undefined, windowMs: number, nowMs: number): number {
    if (limit === undefined) return 0;
    const inWindow = this.#times.filter((t) => t > nowMs - windowMs);
    if (inWindow.length < limit) return 0;
    // The request that must age out before one more fits.
    const oldest = inWindow[inWindow.length - limit] ?? nowMs;
    return oldest + windowMs - nowMs;
  }
}
