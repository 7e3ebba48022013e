import { INDEXED_FIELDS } from "../constants.js";
import { FieldIndexes, IdOrder } from "./indexes.js";
import { STORE_SETS, type Change, type Entity, type Store, type StoreSet } from "./store.js";

/** One set's entities with the orders and indexes kept beside them. */
interface Held {
  readonly byId: Map<number, Entity>;
  readonly order: IdOrder;
  readonly indexes: FieldIndexes;
}

/**
 * The in-memory store. Maps keep insertion order and Ids only grow, so iteration is ascending Id order (a replaced
 * entity keeps its place). Beside each set it keeps the Ids in order and the {@link INDEXED_FIELDS} indexes.
 */
export class MemoryStore implements Store {
  readonly #sets = Object.fromEntries(
    STORE_SETS.map((set) => [
      set,
      { byId: new Map(), order: new IdOrder(), indexes: new FieldIndexes(INDEXED_FIELDS[set] ?? []) },
    ]),
  ) as Record<StoreSet, Held>;
  readonly #nextId = Object.fromEntries(STORE_SETS.map((set) => [set, 1])) as Record<StoreSet, number>;
  #version = 0;

  get version(): number {
    return this.#version;
  }

  all(set: StoreSet): Iterable<Entity> {
    return this.#sets[set].byId.values();
  }

  *after(set: StoreSet, id: number): Iterable<Entity> {
    const { byId, order } = this.#sets[set];
    for (const next of order.after(id)) {
      const entity = byId.get(next);
      if (entity) yield entity;
    }
  }

  lookup(set: StoreSet, field: string, value: unknown): ReadonlySet<number> | undefined {
    return this.#sets[set].indexes.lookup(field, value);
  }

  get(set: StoreSet, id: number): Entity | undefined {
    return this.#sets[set].byId.get(id);
  }

  count(set: StoreSet): number {
    return this.#sets[set].byId.size;
  }

  allocateIds(set: StoreSet, n: number): number {
    const first = this.#nextId[set];
    this.#nextId[set] = first + n;
    return first;
  }

  commit(changes: readonly Change[]): void {
    if (changes.length > 0) this.#version++;
    for (const change of changes) this.#apply(change);
  }

  close(): void {
    // Nothing to release.
  }

  #apply(change: Change): void {
    if (change.op === "clear") {
      for (const set of STORE_SETS) {
        const held = this.#sets[set];
        held.byId.clear();
        held.order.clear();
        held.indexes.clear();
        this.#nextId[set] = 1;
      }
      return;
    }
    const { byId, order, indexes } = this.#sets[change.set];
    const id = change.op === "delete" ? change.id : change.entity.Id;
    const old = byId.get(id);
    if (old) indexes.remove(old);
    if (change.op === "delete") {
      if (byId.delete(id)) order.delete((held) => byId.has(held));
      return;
    }
    byId.set(id, change.entity);
    order.add(id);
    indexes.add(change.entity);
    // Replayed journal entries carry their Ids; keep allocation ahead of them.
    this.#nextId[change.set] = Math.max(this.#nextId[change.set], id + 1);
  }
}
