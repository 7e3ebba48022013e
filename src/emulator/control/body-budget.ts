/**
 * Bytes of request bodies the emulator holds at once, across all requests: a request reserves what it reads
 * (its Content-Length up front when it declares one) and returns it when done, so that many parallel large
 * bodies are refused rather than held in memory together.
 */
export class BodyBudget {
  readonly #capacity: number;
  #used = 0;
  #peak = 0;

  constructor(capacityBytes: number) {
    this.#capacity = capacityBytes;
  }

  /**
   * Reserves `bytes`; false (and nothing reserved) when the budget cannot cover them.
   * @example if (!budget.reserve(1024)) throw busy()
   */
  reserve(bytes: number): boolean {
    if (this.#used + bytes > this.#capacity) return false;
    this.#used += bytes;
    this.#peak = Math.max(this.#peak, this.#used);
    return true;
  }

  /** Returns bytes reserved earlier. */
  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }

  /** Bytes held now, the most ever held at once, and the capacity (for GET /_emulator/stats). */
  snapshot(): { heldBytes: number; peakBytes: number; budgetBytes: number } {
    return { heldBytes: this.#used, peakBytes: this.#peak, budgetBytes: this.#capacity };
  }
}
