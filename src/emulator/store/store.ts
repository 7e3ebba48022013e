import { ENTITY_SETS } from "../../schema/index.js";

/** The sets the store holds: custom TI's two entity sets and the Indicators API's indicators. */
export const STORE_SETS = [...ENTITY_SETS, "Indicators"] as const;
export type StoreSet = (typeof STORE_SETS)[number];

/** A stored entity: its wire fields in wire order, `Id` first. */
export type Entity = Readonly<Record<string, unknown>> & { readonly Id: number };

/** One change to the store; a list of them is applied all or nothing. */
export type Change =
  | { readonly op: "put"; readonly set: StoreSet; readonly entity: Entity }
  | { readonly op: "delete"; readonly set: StoreSet; readonly id: number }
  | { readonly op: "clear" };

/**
 * Where entities live. Reads are synchronous views; writes go through {@link Store.commit}, which returns only
 * once the changes are durable (for a persistent store), so a reply after it is an acknowledged write.
 */
export interface Store {
  /** Entities of a set in ascending Id order. */
  all(set: StoreSet): Iterable<Entity>;
  /** Entities of a set with an Id above `id`, ascending; starting costs O(log n), so a page in Id order is cheap. */
  after(set: StoreSet, id: number): Iterable<Entity>;
  /** Ids of the entities whose `field` equals `value`, or undefined when the store does not index that field. */
  lookup(set: StoreSet, field: string, value: unknown): ReadonlySet<number> | undefined;
  /** Grows with every commit, so results computed at one version stay valid until the next write. */
  readonly version: number;
  get(set: StoreSet, id: number): Entity | undefined;
  count(set: StoreSet): number;
  /** Reserves `n` consecutive new Ids and returns the first; Ids are never reused, even after deletes. */
  allocateIds(set: StoreSet, n: number): number;
  /** Applies the changes atomically (and durably, for a persistent store); throws {@link StorageError} when it cannot. */
  commit(changes: readonly Change[]): void;
  /** Releases files; the store is unusable afterwards. */
  close(): void;
}

/**
 * A persistent store could not make a commit durable (a full disk, an I/O error); nothing of it was applied.
 * `full` tells a full disk (507) from other failures (503).
 */
export class StorageError extends Error {
  readonly full: boolean;
  constructor(message: string, full: boolean) {
    super(message);
    this.full = full;
  }
}
