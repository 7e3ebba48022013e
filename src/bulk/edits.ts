import type { Alerts, Indicators, Iocs } from "../api/index.js";
import type { ImportIndicatorResult, IndicatorInput } from "../schema/index.js";
import { isFilter, type Filter } from "../http/index.js";
import { deleteIndicatorsWhere, updateIndicatorsWhere, type IndicatorEditPlan } from "./edit/indicators.js";
import type { EditOptions, EditPlan } from "./edit/plan.js";
import { exportIndicators } from "./export-indicators.js";
import { deleteWhere, disableWhere, updateWhere } from "./edit/where.js";
import { exportIocs, type ExportOptions } from "./export.js";
import { importIocs, type ApplicableImportPlan } from "./import/import.js";
import {
  importIndicators,
  type IndicatorBulkImportOptions,
  type IndicatorImportPlan,
  type IndicatorSets,
} from "./import/indicators.js";
import type { ImportOptions } from "./import/plan.js";
import type { ImportInput } from "./input/read.js";
import type { BulkSets } from "./sets.js";
import { syncIndicators } from "./sync/sync.js";
import type { IndicatorSyncPlan, SyncOptions } from "./sync/types.js";

/** The bulk edits of a session's `iocs`. */
export interface IocBulkEdits {
  /** Plans an import (CSV, JSON, text, STIX); see importIocs. */
  import(input: ImportInput, options?: ImportOptions): Promise<ApplicableImportPlan>;
  /** Plans a PATCH of every IOC matching `filter`; see updateWhere. */
  updateWhere(
    filter: string | Filter,
    patch: Readonly<Record<string, unknown>>,
    options?: EditOptions,
  ): Promise<EditPlan>;
  /** Plans deleting every IOC matching `filter`; see deleteWhere. */
  deleteWhere(filter: string | Filter, options?: EditOptions): Promise<EditPlan>;
  /** Writes the IOCs (matching `options.filter`, else all) to a new CSV or JSON file that imports back; see exportIocs. */
  export(path: string, options?: ExportOptions): Promise<{ path: string; count: number }>;
}

/** The bulk edits of a session's `alerts`. */
export interface AlertBulkEdits {
  /** Plans disabling every alert definition matching `filter`; see disableWhere. */
  disableWhere(filter: string | Filter, options?: EditOptions): Promise<EditPlan>;
}

/**
 * A filter's OData text; anything but a Filter passes as it is, so the edit's own check refuses a missing one
 * (`String(undefined)` would send `$filter=undefined` to the service).
 */
function filterText(filter: string | Filter): string {
  return isFilter(filter) ? String(filter) : filter;
}

/** The `IndicatorsOfCompromise` set with its bulk edits. */
export interface BulkIocs extends Iocs, IocBulkEdits {}

/** The `AlertDefinitions` set with its bulk edits. */
export interface BulkAlerts extends Alerts, AlertBulkEdits {}

/**
 * New `iocs` and `alerts` objects: every member of the api's sets, plus their bulk edits, each planning on
 * `sets` (and applying through its applier). The api's own objects are left as they are.
 * @example const { iocs, alerts } = withBulkEdits({ iocs: session.iocs, alerts: session.alerts })
 */
export function withBulkEdits(sets: BulkSets): { iocs: BulkIocs; alerts: BulkAlerts } {
  const iocEdits: IocBulkEdits = {
    import: (input, options) => importIocs(sets, input, options),
    updateWhere: (filter, patch, options) => updateWhere(sets, filterText(filter), patch, options),
    deleteWhere: (filter, options) => deleteWhere(sets, filterText(filter), options),
    export: (path, options) => exportIocs(sets, path, options),
  };
  const alertEdits: AlertBulkEdits = {
    disableWhere: (filter, options) => disableWhere(sets, filterText(filter), options),
  };
  // The api's sets are plain objects of functions without `this` (see createEntitySet): spreading composes them.
  return { iocs: { ...sets.iocs, ...iocEdits }, alerts: { ...sets.alerts, ...alertEdits } };
}

/** Options of the api's own `indicators.import` (chunkSize, onProgress, onWarning, signal). */
type ApiImportOptions = NonNullable<Parameters<Indicators["import"]>[1]>;

/** The bulk edits of a session's `indicators` (the Indicators API). */
export interface IndicatorBulkEdits {
  /**
   * Given a file path or text (CSV, the portal's CSV, JSON, text, STIX): plans an import over the defaults in
   * `options` (see importIndicators). Given an array of indicators: the api's own call (per-item results, no plan;
   * plan an array with `importIndicators(session, array, options)`).
   */
  import(items: readonly IndicatorInput[], options?: ApiImportOptions): Promise<ImportIndicatorResult[]>;
  import(input: string, options?: IndicatorBulkImportOptions): Promise<IndicatorImportPlan>;
  /** Plans re-sending every indicator matching `filter` with `patch` (import, 500 per call); see updateIndicatorsWhere. */
  updateWhere(
    filter: string | Filter,
    patch: Readonly<Record<string, unknown>>,
    options?: EditOptions,
  ): Promise<IndicatorEditPlan>;
  /** Plans deleting every indicator matching `filter` (BatchDelete, 500 per call); see deleteIndicatorsWhere. */
  deleteWhere(filter: string | Filter, options?: EditOptions): Promise<IndicatorEditPlan>;
  /** Writes the indicators (matching `options.filter`, else all) to a new portal CSV or JSON file; see exportIndicators. */
  export(path: string, options?: ExportOptions): Promise<{ path: string; count: number }>;
  /** Plans making the indicators `options.owner` owns equal a feed (create, update, delete); see syncIndicators. */
  sync(input: ImportInput, options: SyncOptions): Promise<IndicatorSyncPlan>;
}

/** The `/api/indicators` set with its bulk edits (`import` of a path or text plans; of an array, the api's call). */
export interface BulkIndicators extends Omit<Indicators, "import">, IndicatorBulkEdits {}

/**
 * A new `indicators` object: every member of the api's set, plus its bulk edits, planning on `sets` (and applying
 * through its applier, the console's confirm and progress). The api's own object is left as it is.
 * @example const indicators = withIndicatorBulkEdits({ indicators: session.indicators })
 */
export function withIndicatorBulkEdits(sets: IndicatorSets): BulkIndicators {
  function importAny(
    items: readonly IndicatorInput[],
    options?: ApiImportOptions,
  ): Promise<ImportIndicatorResult[]>;
  function importAny(input: string, options?: IndicatorBulkImportOptions): Promise<IndicatorImportPlan>;
  function importAny(
    input: string | readonly IndicatorInput[],
    options?: IndicatorBulkImportOptions & ApiImportOptions,
  ): Promise<IndicatorImportPlan | ImportIndicatorResult[]> {
    return typeof input === "string"
      ? importIndicators(sets, input, options)
      : sets.indicators.import(input, options);
  }
  const edits: IndicatorBulkEdits = {
    import: importAny,
    updateWhere: (filter, patch, options) => updateIndicatorsWhere(sets, filterText(filter), patch, options),
    deleteWhere: (filter, options) => deleteIndicatorsWhere(sets, filterText(filter), options),
    export: (path, options) => exportIndicators(sets, path, options),
    sync: (input, options) => syncIndicators(sets, input, options),
  };
  return { ...sets.indicators, ...edits };
}
