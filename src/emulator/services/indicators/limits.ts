import { INDICATOR_RATE_LIMITS, type IndicatorEndpoint } from "../../../schema/index.js";
import { RateLimiter } from "../../control/rate-limit.js";

/**
 * The documented rate limits of the Indicators API, counted per endpoint and calling app (the limits are per
 * app and tenant; one emulator is one tenant). Off unless the emulator runs with `--rate-limit documented`.
 */
export class EndpointLimits {
  readonly #enabled: boolean;
  readonly #scale: number;
  readonly #limiters = new Map<string, RateLimiter>();

  constructor(enabled: boolean, scale: number) {
    this.#enabled = enabled;
    this.#scale = scale;
  }

  /**
   * Counts one call; undefined when accepted, else the seconds to wait (Retry-After).
   * @example limits.take("import", claims.appid, Date.now()) // undefined, or 2
   */
  take(endpoint: IndicatorEndpoint, appId: string, nowMs: number): number | undefined {
    if (!this.#enabled) return undefined;
    const key = `${endpoint} ${appId}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      const { perMinute, perHour } = INDICATOR_RATE_LIMITS[endpoint];
      limiter = new RateLimiter(perMinute, perHour, this.#scale);
      this.#limiters.set(key, limiter);
    }
    return limiter.take(nowMs);
  }

  /** Forgets every counted call (admin reset). */
  clear(): void {
    this.#limiters.clear();
  }
}
