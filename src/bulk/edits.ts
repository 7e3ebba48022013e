import type { Alerts, Iocs } from "../api/index.js";
import type { Filter } from "../http/index.js";
import type { EditOptions, EditPlan } from "./edit/plan.js";
import { deleteWhere, disableWhere, updateWhere } from "./edit/where.js";
import { exportIocs, type ExportOptions } from "./export.js";
import { importIocs, type ApplicableImportPlan } from "./import/import.js";
import type { ImportOptions } from "./import/plan.js";
import type { ImportInput } from "./input/read.js";
import type { BulkSets } from "./sets.js";

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
    updateWhere: (filter, patch, options) => updateWhere(sets, String(filter), patch, options),
    deleteWhere: (filter, options) => deleteWhere(sets, String(filter), options),
    export: (path, options) => exportIocs(sets, path, options),
  };
  const alertEdits: AlertBulkEdits = {
    disableWhere: (filter, options) => disableWhere(sets, String(filter), options),
  };
  // The api's sets are plain objects of functions without `this` (see createEntitySet): spreading composes them.
  return { iocs: { ...sets.iocs, ...iocEdits }, alerts: { ...sets.alerts, ...alertEdits } };
}
