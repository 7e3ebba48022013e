import type { IndicatorType } from "../../schema/index.js";
import type { Applicable } from "../apply.js";
import type { IndicatorBulkImportOptions } from "../import/indicators.js";
import type { ImportCounts, ImportPlan } from "../import/plan.js";
import type { IndicatorItem } from "../targets/indicator-rows.js";
import type { SyncPriority } from "./priority.js";

/** Options of `indicators.sync`: the import's (row defaults, format, dry run) and the sync's own. */
export interface SyncOptions extends Omit<IndicatorBulkImportOptions, "application"> {
  /** Who owns the synced indicators: written to `application` on create, the only ones a sync updates or deletes. */
  readonly owner: string;
  /** Which rows to keep when input and the others' indicators exceed the cap. Default: `"severity"`. */
  readonly priority?: SyncPriority;
  /** Days until a new indicator of a type expires when its row gives no expiry: `{ IpAddress: 30, FileSha256: 365 }`. */
  readonly expiryDays?: Partial<Readonly<Record<IndicatorType, number>>>;
  /** The tenant's device group names: a row naming another is reported in the plan (it is still sent). */
  readonly knownDeviceGroups?: readonly string[];
  /** The tenant's indicator cap. Default: 15,000 (the documented limit). */
  readonly cap?: number;
}

/** A stored indicator the sync leaves alone, though a row names it. */
export interface SyncLeftAlone {
  readonly line: number;
  readonly key: string;
  readonly id: number;
  /** Why: `owned by "Other feed"`. */
  readonly reason: string;
}

/** An owned indicator the input no longer has (or the cap left out): deleted through BatchDelete. */
export interface SyncDelete {
  readonly id: number;
  readonly key: string;
}

/** A row naming device groups the tenant does not know (`knownDeviceGroups`). */
export interface UnknownDeviceGroups {
  readonly line: number;
  readonly key: string;
  readonly names: readonly string[];
}

/** What a sync's plan adds to an import's: deletes, what it leaves alone, the cap and the rows over it. */
export interface SyncPart {
  readonly owner: string;
  readonly delete: readonly SyncDelete[];
  /** Rows whose indicator belongs to another owner (or none): submitting them would change someone else's. */
  readonly leftAlone: readonly SyncLeftAlone[];
  /** Rows already expired (also in `rejected`, with their reason). */
  readonly expired: readonly { readonly line: number; readonly reason: string }[];
  readonly unknownDeviceGroups: readonly UnknownDeviceGroups[];
  readonly cap: {
    readonly limit: number;
    /** Indicators the sync does not own, which stay. */
    readonly others: number;
    /** True when the input's rows do not all fit beside them. */
    readonly exceeded: boolean;
    /** Rows left out by the priority rule (an owned indicator among them is deleted). */
    readonly leftOut: readonly IndicatorItem[];
  };
}

/** A sync's plan: an import plan (create, update, unchanged, rejected...) with its `sync` part, calls and time. */
export interface IndicatorSyncPlan extends ImportPlan<IndicatorItem>, Applicable {
  /** The import's counts after ownership and the cap, with the deletes and the rows left alone or out. */
  readonly counts: ImportCounts & {
    readonly delete: number;
    readonly leftAlone: number;
    readonly leftOut: number;
  };
  readonly sync: SyncPart;
  readonly calls: { readonly import: number; readonly batchDelete: number };
  /** How long the calls take at the documented limits. */
  readonly estimate: string;
}
