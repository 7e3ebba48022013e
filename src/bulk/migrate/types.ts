import type { Alerts, Indicators, Iocs } from "../../api/index.js";
import type { Indicator, IndicatorAction } from "../../schema/index.js";
import type { IndicatorImportPlan } from "../import/indicators.js";
import type { Rejection } from "../types.js";

/**
 * Where a migration reads custom TI from: a session speaking it (live or the embedded emulator; anything with its
 * `alerts` and `iocs`), or the path of a file written by `iocs.export(path, { definitions: true })`.
 */
export type MigrationSource = { readonly alerts: Alerts; readonly iocs: Iocs } | string;

/** Options of {@link migrate}: the target set and what every migrated indicator does on a match. */
export interface MigrateOptions {
  /** The Indicators API's set to migrate into: `session.indicators` of a session speaking it. */
  readonly to: Indicators;
  /** Default: `"Audit"` (custom TI raised alerts and did nothing else, Part 3). */
  readonly action?: IndicatorAction;
  /** Default: true (custom TI's purpose was the alert; `Audit` requires it). */
  readonly generateAlert?: boolean;
  /** Migrate disabled IOCs and IOCs of disabled definitions too. Default: false (reported, not migrated). */
  readonly includeDisabled?: boolean;
  /** Written to every migrated indicator's `application`. Default: none. */
  readonly application?: string;
  /** Marks the plan as a dry run: it shows what would happen, and its `apply` refuses to write. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

/** One (alert definition, IOC) pair of the source: its line (the file's, else its place in the source) and ids. */
export interface MigrationPair {
  readonly line: number;
  /** The IOC's Id; undefined when read from an export file (exports carry no Id). */
  readonly iocId: number | undefined;
  readonly alertDefinitionId: number;
  readonly type: string;
  readonly value: string;
}

/** A pair with no equivalent in the Indicators API (or refused by it), with the reason, field, value and rule. */
export interface NotMigrated extends Rejection {
  readonly pair: MigrationPair | undefined;
}

/** What a migration adds to an import plan: the source's pairs, and those that have no equivalent. */
export interface MigrationPart {
  /** Every pair read, in order: the plan's `line`s are theirs. */
  readonly pairs: readonly MigrationPair[];
  /** Pairs not migrated, with why: a partial detection function, disabled, expired, no successor type. */
  readonly notMigrated: readonly NotMigrated[];
}

/** What `verify()` found on the target: the planned indicators that are there, and those that are not. */
export interface MigrationCheck {
  readonly landed: readonly Indicator[];
  readonly missing: readonly { readonly line: number; readonly key: string }[];
}

/**
 * A migration's plan: an indicator import plan whose lines are the source's pairs (`counts.rows` counts them,
 * `rejected` holds every pair not migrated), with its `migration` part,
 * `apply` (as any import: confirm, journal, resume, report) and `verify` (lists what landed).
 */
export interface MigrationPlan extends IndicatorImportPlan {
  /** Every pair not migrated: no equivalent, or refused by the Indicators API's rules. */
  readonly rejected: readonly NotMigrated[];
  readonly migration: MigrationPart;
  /**
   * Lists the target's indicators and checks every planned one (create, update, unchanged) is there.
   * @example const { landed, missing } = await plan.verify()
   */
  verify(signal?: AbortSignal): Promise<MigrationCheck>;
}
