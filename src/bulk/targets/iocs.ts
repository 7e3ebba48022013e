import type { IocCreateInput, Iocs } from "../../api/index.js";
import { BULK_UPLOAD_MAX, type IndicatorOfCompromise } from "../../schema/index.js";
import { signalOption } from "../sets.js";
import { findExisting } from "./ioc-lookup.js";
import { iocKey, normalizeRows, type Candidate } from "./ioc-rows.js";
import type { CreateOutcome, Target } from "./target.js";

/** Options of an IOC import's planning. */
export interface IocRowOptions {
  /** The alert definition of rows that name none: its Id, or the entity. */
  readonly alert?: number | { readonly Id: number } | undefined;
}

/** The IOC set as the bulk engine drives it. */
export type IocTarget = Target<Candidate, IndicatorOfCompromise, IocRowOptions>;

/**
 * The custom TI API's IOCs as a bulk target: keyed by Type, Value, DetectionFunction and alert definition;
 * created through Actions.BulkUpload (1,000 per call by default, 5,000 at most, all or nothing per call) or one
 * POST each; existing IOCs found by filtered queries; Enabled and ExpiresAt compared and patched.
 * @example const plan = await planImport(iocTarget(session.iocs), "feed.csv", { alert: 1 })
 */
export function iocTarget(iocs: Iocs): IocTarget {
  return {
    batchSize: { default: 1000, max: BULK_UPLOAD_MAX },
    batchResults: "all-or-nothing",
    normalize: (rows, options) => {
      const alert = options.alert;
      return normalizeRows(rows, { alertId: typeof alert === "object" ? alert.Id : alert });
    },
    findExisting: (items, options) => findExisting(iocs, items, options),
    idOf: (stored) => stored.Id,
    differences,
    async createBatch(items, signal) {
      return withIds(items, await iocs.bulkUpload(items.map(createInput), signalOption(signal)));
    },
    async createOne(item, signal) {
      const [outcome] = withIds([item], [await iocs.create(createInput(item), signalOption(signal))]);
      return outcome as CreateOutcome;
    },
    update: (id, patch, signal) => iocs.update(id, { ...patch }, signalOption(signal)),
  };
}

// The body was validated and normalised by planning, which marked it checked (bulkUpload sends it as is).
function createInput(item: Candidate): IocCreateInput {
  return item.body as unknown as IocCreateInput;
}

/** Items with the Id the service gave each (matched by identity, as the reply's order is not documented). */
function withIds(items: readonly Candidate[], created: readonly IndicatorOfCompromise[]): CreateOutcome[] {
  const ids = new Map<string, number>();
  for (const ioc of created)
    ids.set(iocKey(ioc.Type, ioc.Value, ioc.DetectionFunction, ioc.AlertDefinitionId), ioc.Id);
  return items.map((item) => ({ key: item.key, id: ids.get(item.key) }));
}

// Only the fields the row stated are compared: a file without an Enabled column must not re-enable IOCs.
function differences(candidate: Candidate, stored: IndicatorOfCompromise): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const { Enabled, ExpiresAt } = candidate.given;
  if (Enabled !== undefined && Enabled !== stored.Enabled) patch["Enabled"] = Enabled;
  if (ExpiresAt !== undefined && !sameInstant(ExpiresAt, stored.ExpiresAt)) patch["ExpiresAt"] = ExpiresAt;
  return patch;
}

function sameInstant(a: string | null, b: string | null | undefined): boolean {
  if (a === null || b === null || b === undefined) return a === (b ?? null);
  return Date.parse(a) === Date.parse(b);
}
