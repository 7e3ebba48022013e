import type { Clock } from "../http/index.js";

/**
 * How much earlier than a create was sent (by our clock) the service may stamp `CreatedAt` and a read-back still
 * count the entity as possibly that create's own (see readback.ts for why a few seconds).
 */
export const CLOCK_SKEW_MS = 5_000;

/**
 * The entities this session's calls got, kept only while a create's read-back could still adopt one: a read-back
 * looks only at entities stamped at most {@link CLOCK_SKEW_MS} before its create was sent, so a claim stamped
 * earlier than that before the oldest create in flight (and before now, for creates yet to be sent) can never
 * matter again and is dropped. A session-long set grew by one key per created entity (issue 14).
 * @example const claims = new Claims(clock); claims.add("IndicatorsOfCompromise", entity); claims.has(set, 7)
 */
export class Claims {
  readonly #clock: Clock;
  // Per set, Id → CreatedAt (epoch ms), in the order claimed (about CreatedAt order), so pruning reads the front.
  readonly #bySet = new Map<string, Map<number, number>>();
  // The sent-at times of the creates in flight; their count is bounded by the session's concurrency.
  readonly #inFlight: number[] = [];
  // The last CreatedAt read, its time and the horizon then (see add).
  #lastText = "";
  #lastMs = NaN;
  #lastHorizon = Infinity;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Notes a create sent at `sentAtMs` whose read-back may run; call the returned function once it settles. */
  begin(sentAtMs: number): () => void {
    this.#inFlight.push(sentAtMs);
    this.#lastText = ""; // the horizon moved: work it out afresh at the next claim
    return () => {
      this.#inFlight.splice(this.#inFlight.indexOf(sentAtMs), 1);
      this.#lastText = "";
    };
  }

  /** Marks an entity a call got as that call's own (one without an Id or a readable CreatedAt cannot be adopted). */
  add(set: string, entity: unknown): void {
    const { Id: id, CreatedAt: createdAt } = (entity ?? {}) as { Id?: unknown; CreatedAt?: unknown };
    if (typeof id !== "number" || typeof createdAt !== "string") return;
    let ids = this.#bySet.get(set);
    if (!ids) this.#bySet.set(set, (ids = new Map()));
    // A bulk upload's entities share one CreatedAt: parsed, and the horizon worked out, once per upload. A horizon
    // kept from earlier is never later than the true one (between creates only time moves it on): it keeps more.
    if (createdAt !== this.#lastText) {
      [this.#lastText, this.#lastMs, this.#lastHorizon] = [createdAt, Date.parse(createdAt), this.#horizon()];
      prune(ids, this.#lastHorizon);
    }
    if (this.#lastMs >= this.#lastHorizon) ids.set(id, this.#lastMs);
  }

  /** Whether a call of this session already got the entity `set(id)`. */
  has(set: string, id: unknown): boolean {
    return typeof id === "number" && this.#bySet.get(set)?.has(id) === true;
  }

  /** How many claims are held (what the bound keeps small). */
  get size(): number {
    let size = 0;
    for (const ids of this.#bySet.values()) size += ids.size;
    return size;
  }

  /** The earliest `CreatedAt` a read-back, of a create in flight or one sent from now on, could adopt. */
  #horizon(): number {
    let earliest = this.#clock.now();
    for (const sentAtMs of this.#inFlight) if (sentAtMs < earliest) earliest = sentAtMs;
    return earliest - CLOCK_SKEW_MS;
  }
}

/** Drops the claims stamped before `horizon` from the front (claims arrive about in `CreatedAt` order). */
function prune(ids: Map<number, number>, horizon: number): void {
  for (const [id, stamped] of ids) {
    if (stamped >= horizon) return;
    ids.delete(id);
  }
}
