import type { Outcome } from "../journal.js";
import type { Rejection, SourceRow } from "../types.js";

/** A valid row ready to be created, or matched with an item the service already holds. */
export interface CreateItem {
  readonly line: number;
  /** The item's identity on its set (for IOCs: Type, Value, DetectionFunction and alert definition). */
  readonly key: string;
  /** The create body, normalised. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The fields the row stated that are compared with a stored item (a file without a column changes nothing). */
  readonly given: Readonly<Record<string, unknown>>;
  /** What normalising changed beyond case and spaces, for the plan to say (`IPv6 written in full, from …`). */
  readonly note?: string;
  /** What landing it means: `created` (default), or `updated` when an upsert rewrites a stored item. */
  readonly outcome?: Outcome;
}

/** A row naming an item an earlier row of the same input already names; it is collapsed into that row. */
export interface Duplicate {
  readonly line: number;
  readonly duplicateOf: number;
  readonly key: string;
  /** True when the two rows disagree on a compared field (the earlier row wins). */
  readonly conflicting: boolean;
}

/** Rows made into items: valid ones, refused ones, in-file duplicates, and warnings about the input. */
export interface Normalized<C extends CreateItem> {
  readonly candidates: C[];
  readonly rejected: Rejection[];
  readonly duplicates: Duplicate[];
  readonly warnings: string[];
}

/** What one create call said about one item: its new Id, or the error that kept it from being created. */
export type CreateOutcome =
  | { readonly key: string; readonly id?: number | undefined; readonly outcome?: Outcome }
  | { readonly key: string; readonly error: unknown };

/** Options of {@link Target.findExisting}. */
export interface LookupOptions {
  readonly signal?: AbortSignal | undefined;
  /** Queries in flight at once. */
  readonly concurrency: number;
}

/**
 * The one thing the bulk engine knows of a target set: how to key, look up, compare, create and patch its items.
 * Planning, applying, journaling and resuming are written once over it; an adapter per set fills it in
 * (`iocTarget` for the custom TI API's IOCs). `C` is the planned item, `S` the stored entity, `O` the import's
 * options (defaults such as the IOCs' alert definition).
 */
export interface Target<C extends CreateItem, S, O> {
  /** Items per batch create call: the default and the documented ceiling. */
  readonly batchSize: { readonly default: number; readonly max: number };
  /**
   * How a batch answers: `all-or-nothing` (a refused batch is split until the bad item is alone, so the rest
   * land) or `per-item` (the answer says, for each item, whether it was created).
   */
  readonly batchResults: "all-or-nothing" | "per-item";
  /**
   * True when sending an item again is harmless (an upsert): a batch whose answer was lost is sent again instead
   * of being looked up first. Default: false.
   */
  readonly resendUnanswered?: boolean;
  /** The target takes the Indicators API's types (Url, CertificateThumbprint): its readers infer them too. */
  readonly indicatorTypes?: boolean;
  /** Validates and normalises rows into items (with their keys), collapsing in-file duplicates. */
  normalize(rows: readonly SourceRow[], options: O): Normalized<C>;
  /** The stored items with the keys of `items`, by key (a set may hold duplicates): for planning and resuming. */
  findExisting(items: readonly C[], options: LookupOptions): Promise<Map<string, S[]>>;
  /** The Id of a stored item. */
  idOf(stored: S): number;
  /** The fields of `item` that differ from `stored` (only those the row stated): a patch, empty when none. */
  differences(item: C, stored: S): Record<string, unknown>;
  /** Creates a batch; rejects when the call as a whole failed (its outcome is then looked up, or it is split). */
  createBatch(items: readonly C[], signal: AbortSignal | undefined): Promise<CreateOutcome[]>;
  /** Creates one item (the `per-item` strategy). */
  createOne(item: C, signal: AbortSignal | undefined): Promise<CreateOutcome>;
  /** Patches one stored item. */
  update(
    id: number,
    patch: Readonly<Record<string, unknown>>,
    signal: AbortSignal | undefined,
  ): Promise<unknown>;
}

/**
 * The part of a target the engine's create step drives: batches, their answers and how a lost answer is settled.
 * A writer without `findExisting` (BatchDelete, an upsert of matched indicators) re-sends unanswered items.
 */
export type BatchWriter<C extends CreateItem> = Pick<
  Target<C, unknown, never>,
  "batchSize" | "batchResults" | "resendUnanswered" | "createBatch" | "createOne"
> &
  Partial<Pick<Target<C, unknown, never>, "findExisting" | "idOf">>;
