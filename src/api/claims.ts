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
  readonly #bySet = new Map<string, ClaimList>();
  // The creates in flight (queued for a connection too: a bulk run may start thousands at once), in begin order.
  readonly #inFlight = new InFlight();
  // The last CreatedAt read, its time, and the horizon then (undefined: work it out afresh at the next claim).
  #lastText = "";
  #lastMs = NaN;
  #horizon: number | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Notes a create sent at `sentAtMs` whose read-back may run; call the returned function once it settles. */
  begin(sentAtMs: number): () => void {
    const settle = this.#inFlight.add(sentAtMs);
    this.#horizon = undefined;
    return () => {
      settle();
      this.#horizon = undefined;
    };
  }

  /** Marks an entity a call got as that call's own (one without an Id or a readable CreatedAt cannot be adopted). */
  add(set: string, entity: unknown): void {
    const { Id: id, CreatedAt: createdAt } = (entity ?? {}) as { Id?: unknown; CreatedAt?: unknown };
    if (typeof id !== "number" || typeof createdAt !== "string") return;
    let list = this.#bySet.get(set);
    if (!list) this.#bySet.set(set, (list = { ids: [], stamps: [], head: 0 }));
    // A bulk upload's entities share one CreatedAt: parsed, and the horizon worked out, once per upload. A horizon
    // kept from earlier is never later than the true one (between creates only time moves it on): it keeps more.
    if (createdAt !== this.#lastText) {
      [this.#lastText, this.#lastMs] = [createdAt, Date.parse(createdAt)];
      this.#horizon = undefined;
    }
    const horizon = (this.#horizon ??= this.#earliest());
    prune(list, horizon);
    if (this.#lastMs >= horizon) {
      list.ids.push(id);
      list.stamps.push(this.#lastMs);
    }
  }

  /** Whether a call of this session already got the entity `set(id)`. */
  has(set: string, id: unknown): boolean {
    const list = this.#bySet.get(set);
    // A scan: only a read-back asks, for a few candidates, while every create adds.
    return typeof id === "number" && list !== undefined && list.ids.indexOf(id, list.head) !== -1;
  }

  /** How many claims are held (what the bound keeps small). */
  get size(): number {
    let size = 0;
    for (const list of this.#bySet.values()) size += list.ids.length - list.head;
    return size;
  }

  /** The earliest `CreatedAt` a read-back, of a create in flight or one sent from now on, could adopt. */
  #earliest(): number {
    return Math.min(this.#clock.now(), this.#inFlight.earliest()) - CLOCK_SKEW_MS;
  }
}

/**
 * One set's claims in the order claimed (about `CreatedAt` order, so pruning reads the front): Ids and their
 * `CreatedAt` (epoch ms) side by side from `head` on. Arrays of numbers, not a Map, since every create adds one
 * (issue 14: a Map entry per create was the session's largest own cost on a run of creates).
 */
interface ClaimList {
  readonly ids: number[];
  readonly stamps: number[];
  head: number;
}

/** Drops the claims stamped before `horizon` from the front; the arrays shed their dropped part now and then. */
function prune(list: ClaimList, horizon: number): void {
  const { ids, stamps } = list;
  while (list.head < stamps.length && stamps[list.head]! < horizon) list.head++;
  if (list.head > 1024 && list.head * 2 > ids.length) {
    ids.splice(0, list.head);
    stamps.splice(0, list.head);
    list.head = 0;
  }
}

/**
 * The sent-at times of the creates in flight, each settled once, with the earliest at hand: creates begin in time
 * order, so the earliest unsettled one is at the front (a clock that stepped back is handled by a scan until the
 * creates then in flight have all settled). A scan per claim over thousands of queued creates cost more than the
 * create itself (issue 14).
 */
class InFlight {
  #queue: { readonly at: number; open: boolean }[] = [];
  #head = 0;
  #inOrder = true;

  /** Notes one more create sent at `at`; returns the function that settles it. */
  add(at: number): () => void {
    // Trimmed here too, not only when a claim asks: creates that all fail claim nothing, and must not pile up.
    this.#trim();
    const last = this.#queue.at(-1);
    if (last !== undefined && at < last.at) this.#inOrder = false;
    const entry = { at, open: true };
    this.#queue.push(entry);
    return () => void (entry.open = false);
  }

  /** The earliest sent-at time of a create still in flight; Infinity when there is none. */
  earliest(): number {
    this.#trim();
    if (this.#head === this.#queue.length) return Infinity;
    if (this.#inOrder) return this.#queue[this.#head]!.at;
    let earliest = Infinity;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const entry = this.#queue[i]!;
      if (entry.open && entry.at < earliest) earliest = entry.at;
    }
    return earliest;
  }

  /** Drops the settled creates from the front; the queue sheds its dropped part now and then. */
  #trim(): void {
    const queue = this.#queue;
    while (this.#head < queue.length && !queue[this.#head]!.open) this.#head++;
    if (this.#head === queue.length) {
      this.#queue = [];
      this.#head = 0;
      this.#inOrder = true;
    } else if (this.#head > 1024 && this.#head * 2 > queue.length) {
      this.#queue = queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
