import type { EntitySetName } from "../../schema/index.js";
import type { Change, Entity, Store } from "./store.js";

/**
 * The in-memory store. Maps keep insertion order and Ids only grow, so iteration is ascending Id order (a replaced
 * entity keeps its place).
 */
export class MemoryStore implements Store {
  readonly #sets: Record<EntitySetName, Map<number, Entity>> = {
    AlertDefinitions: new Map(),
    IndicatorsOfCompromise: new Map(),
  };
  readonly #nextId: Record<EntitySetName, number> = { AlertDefinitions: 1, IndicatorsOfCompromise: 1 };

  all(set: EntitySetName): Iterable<Entity> {
    return this.#sets[set].values();
  }

  get(set: EntitySetName, id: number): Entity | undefined {
    return this.#sets[set].get(id);
  }

  count(set: EntitySetName): number {
    return this.#sets[set].size;
  }

  allocateIds(set: EntitySetName, n: number): number {
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
      for (const set of Object.keys(this.#sets) as EntitySetName[]) {
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
