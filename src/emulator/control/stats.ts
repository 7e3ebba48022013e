/** What GET /_emulator/stats reports. */
export interface StatsSnapshot {
  tokensIssued: number;
  /** Responses per HTTP status, e.g. `{ "200": 3, "401": 1 }`. */
  responses: Record<string, number>;
  /** Requests per route, e.g. `{ "GET AlertDefinitions": 2 }`. */
  requests: Record<string, number>;
  faultsInjected: number;
  rateLimited: number;
}

/** Counters behind GET /_emulator/stats. */
export class Stats {
  #data: StatsSnapshot = Stats.#empty();

  static #empty(): StatsSnapshot {
    return { tokensIssued: 0, responses: {}, requests: {}, faultsInjected: 0, rateLimited: 0 };
  }

  /** Counts a request to a route label. */
  request(route: string): void {
    this.#data.requests[route] = (this.#data.requests[route] ?? 0) + 1;
  }

  /** Counts a response status. */
  response(status: number): void {
    const key = String(status);
    this.#data.responses[key] = (this.#data.responses[key] ?? 0) + 1;
  }

  /** Counts a token the token endpoints issued. */
  tokenIssued(): void {
    this.#data.tokensIssued++;
  }

  /** Counts a fault rule that fired. */
  faultInjected(): void {
    this.#data.faultsInjected++;
  }

  /** Counts a request refused with 429 by the rate limit. */
  rateLimitHit(): void {
    this.#data.rateLimited++;
  }

  /** A copy of the counters. */
  snapshot(): StatsSnapshot {
    return structuredClone(this.#data);
  }

  /** Sets every counter back to zero. */
  clear(): void {
    this.#data = Stats.#empty();
  }
}
