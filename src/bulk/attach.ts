import type { Filter } from "../http/filter.js";
import type { EditOptions, EditPlan } from "./edit-plan.js";
import { exportIocs, type ExportOptions } from "./export.js";
import { importIocs, type ApplicableImportPlan } from "./import.js";
import type { ImportInput } from "./input/read.js";
import type { ImportOptions } from "./plan.js";
import type { BulkSets } from "./sets.js";
import { deleteWhere, disableWhere, updateWhere } from "./where.js";

/** The bulk edits a session's `iocs` set carries once {@link attachBulkEdits} has run. */
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
  /** Writes the IOCs matching `filter` to a CSV or JSON file that imports back; see exportIocs. */
  export(
    filter: string | Filter,
    path: string,
    options?: ExportOptions,
  ): Promise<{ path: string; count: number }>;
}

/** The bulk edits a session's `alerts` set carries once {@link attachBulkEdits} has run. */
export interface AlertBulkEdits {
  /** Plans disabling every alert definition matching `filter`; see disableWhere. */
  disableWhere(filter: string | Filter, options?: EditOptions): Promise<EditPlan>;
}

/** A session (or `{ alerts, iocs }`) whose sets carry the bulk edits. */
export type WithBulkEdits<S extends BulkSets> = S & {
  readonly iocs: S["iocs"] & IocBulkEdits;
  readonly alerts: S["alerts"] & AlertBulkEdits;
};

/**
 * Adds `iocs.import`, `iocs.updateWhere`, `iocs.deleteWhere`, `iocs.export` and `alerts.disableWhere` to the
 * sets of a session, each bound to it; returns the same object, typed with them.
 * @example const session = attachBulkEdits(await connect()); await session.iocs.import("feed.csv", { alert: 1 })
 */
export function attachBulkEdits<S extends BulkSets>(sets: S): WithBulkEdits<S> {
  const iocEdits: IocBulkEdits = {
    import: (input, options) => importIocs(sets, input, options),
    updateWhere: (filter, patch, options) => updateWhere(sets, String(filter), patch, options),
    deleteWhere: (filter, options) => deleteWhere(sets, String(filter), options),
    export: (filter, path, options) => exportIocs(sets, String(filter), path, options),
  };
  const alertEdits: AlertBulkEdits = {
    disableWhere: (filter, options) => disableWhere(sets, String(filter), options),
  };
  Object.assign(sets.iocs, iocEdits);
  Object.assign(sets.alerts, alertEdits);
  return sets as WithBulkEdits<S>;
}
