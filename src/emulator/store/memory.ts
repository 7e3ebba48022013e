import { STORE_SETS, type Change, type Entity, type Store, type StoreSet } from "./store.js";

/**
 * The in-memory store. Maps keep insertion order and Ids only grow, so iteration is ascending Id order (a replaced
 * entity keeps its place).
 */
export class MemoryStore implements Store {
  readonly #sets = Object.fromEntries(STORE_SETS.map((set) => [set, new Map<number, Entity>()])) as Record<
    StoreSet,
    Map<number, Entity>
  >;
  readonly #nextId = Object.fromEntries(STORE_SETS.map((set) => [set, 1])) as Record<StoreSet, number>;

  all(set: StoreSet): Iterable<Entity> {
    return this.#sets[set].values();
  }

  get(set: StoreSet, id: number): Entity | undefined {
    return this.#sets[set].get(id);
  }

  count(set: StoreSet): number {
    return this.#sets[set].size;
  }

  allocateIds(set: StoreSet, n: number): number {
    const first = this.#nextId[set];
    this.#nextId[set] = first + n;
    return first;
  }

  commit(changes: readonly Change[]): void {
    for (const change of changes) this.#apply(change);
  }

  close(): void {
    // Nothing to release.
  }

  #apply(change: Change): void {
    if (change.op === "clear") {
      for (const set of Object.keys(this.#sets) as StoreSet[]) {
        this.#sets[set].clear();
        this.#nextId[set] = 1;
      }
      return;
    }
    if (change.op === "delete") {
      this.#sets[change.set].delete(change.id);
      return;
    }
    this.#sets[change.set].set(change.entity.Id, change.entity);
    // Replayed journal entries carry their Ids; keep allocation ahead of them.
    this.#nextId[change.set] = Math.max(this.#nextId[change.set], change.entity.Id + 1);
  }
}
