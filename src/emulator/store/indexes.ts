import type { Entity } from "./store.js";

/**
 * Value → Ids maps for the fields `$filter` looks up by, kept in step with every change. A missing field is
 * indexed as null, as `$filter` reads it. A value held by one entity (most IOC Values) maps to its bare Id, and
 * gets a Set only when a second entity shares it: one Set per distinct value was the emulator's top store cost.
 */
export class FieldIndexes {
  readonly #byField: Map<string, Index>;
  // The same pairs as an array: add() runs per stored entity, and a Map's entry iterator allocates per call.
  readonly #pairs: readonly (readonly [string, Index])[];

  constructor(fields: readonly string[]) {
    this.#pairs = fields.map((field): readonly [string, Index] => [field, new Map()]);
    this.#byField = new Map(this.#pairs);
  }

  add(entity: Entity): void {
    const id = entity.Id;
    // An indexed loop: even over an array, for-of measured slower here (issue 14).
    for (let i = 0; i < this.#pairs.length; i++) {
      const [field, index] = this.#pairs[i] as readonly [string, Index];
      const value = entity[field] ?? null;
      const ids = index.get(value);
      if (ids === undefined) index.set(value, id);
      else if (typeof ids !== "number") ids.add(id);
      else if (ids !== id) index.set(value, new Set([ids, id]));
    }
  }

  remove(entity: Entity): void {
    const id = entity.Id;
    for (const [field, index] of this.#byField) {
      const value = entity[field] ?? null;
      const ids = index.get(value);
      if (ids === id) index.delete(value);
      else if (typeof ids === "object" && ids.delete(id) && ids.size === 1) {
        index.set(value, ids.values().next().value as number);
      }
    }
  }

  clear(): void {
    for (const index of this.#byField.values()) index.clear();
  }

  /** Ids whose `field` equals `value` (none: an empty set), or undefined when the field is not indexed. */
  lookup(field: string, value: unknown): ReadonlySet<number> | undefined {
    const index = this.#byField.get(field);
    if (!index) return undefined;
    const ids = index.get(value);
    return typeof ids === "number" ? new Set([ids]) : (ids ?? EMPTY);
  }
}

const EMPTY: ReadonlySet<number> = new Set();

/** One field's index: a value's bare Id while one entity holds it, else the Set of those that do. */
type Index = Map<unknown, number | Set<number>>;

/**
 * Ids in ascending order, so that a page in Id order starts at its skiptoken in O(log n). Deletes are left in
 * place (the caller skips Ids it no longer holds) and swept once they are half the list.
 */
export class IdOrder {
  #ids: number[] = [];
  #dead = 0;

  add(id: number): void {
    const last = this.#ids.at(-1);
    if (last === undefined || id > last) this.#ids.push(id);
    else if (this.#ids[firstAbove(this.#ids, id - 1)] !== id)
      this.#ids.splice(firstAbove(this.#ids, id), 0, id);
  }

  /** Notes a delete; `live` tells the Ids still held when the list is swept. */
  delete(live: (id: number) => boolean): void {
    if (++this.#dead <= 1024 || this.#dead * 2 < this.#ids.length) return;
    this.#ids = this.#ids.filter(live);
    this.#dead = 0;
  }

  clear(): void {
    this.#ids = [];
    this.#dead = 0;
  }

  /** Ids above `after` (possibly deleted ones among them), ascending. */
  *after(after: number): Generator<number> {
    for (let i = firstAbove(this.#ids, after); i < this.#ids.length; i++) yield this.#ids[i] as number;
  }
}

/** The index of the first element of an ascending list above `value` (the length when none is). */
export function firstAbove(sorted: readonly number[], value: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) > value) high = mid;
    else low = mid + 1;
  }
  return low;
}
