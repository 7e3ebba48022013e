import { ValidationError } from "../../errors/index.js";
import { validateEntity, type IndicatorOfCompromise } from "../../schema/index.js";
import { invalid } from "../errors.js";
import { signalOption, type BulkSets } from "../sets.js";
import { rejection, type Rejection } from "../types.js";
import { makeEditPlan, type EditItem, type EditOptions, type EditPlan } from "./plan.js";

const PAGE_SIZE = 1000;

/**
 * Plans a PATCH of every IOC matching `filter` (an OData `$filter`) with `patch`; IOCs that already have those
 * values are left unchanged, and a patch that does not fit an IOC (a Value for another Type) rejects that IOC.
 * @example const plan = await updateWhere(session, "Type eq 'Md5'", { Enabled: false }); await plan.apply({ confirm: true })
 */
export async function updateWhere(
  sets: BulkSets,
  filter: string,
  patch: Readonly<Record<string, unknown>>,
  options: EditOptions = {},
): Promise<EditPlan> {
  const checked = validateEntity("IndicatorsOfCompromise", patch, { mode: "update" });
  if (checked.errors.length)
    throw new ValidationError(
      `The patch is not valid: ${rejection(0, checked.errors).reason}`,
      checked.errors,
    );
  const parts = { change: [] as EditItem[], unchanged: [] as EditItem[], rejected: [] as Rejection[] };
  const query = { filter: requireFilter(filter), pageSize: PAGE_SIZE, ...signalOption(options.signal) };
  await sets.iocs.list(query).forEach((ioc) => sortForPatch(ioc, patch, parts));
  const spec = {
    operation: "updateWhere" as const,
    outcome: "updated" as const,
    filter,
    patch: checked.body,
    missingIsDone: false,
    write: (item: EditItem, signal: AbortSignal | undefined) =>
      sets.iocs.update(item.id, { ...item.patch }, signalOption(signal)),
  };
  return makeEditPlan(sets, spec, parts, options);
}

/**
 * Plans deleting every IOC matching `filter`; an IOC deleted meanwhile counts as deleted. `filter` must not be
 * empty (to delete all, say so: `"Id gt 0"`).
 * @example const plan = await deleteWhere(session, "ExpiresAt lt 2025-01-01T00:00:00Z"); plan.counts.change
 */
export async function deleteWhere(
  sets: BulkSets,
  filter: string,
  options: EditOptions = {},
): Promise<EditPlan> {
  const change: EditItem[] = [];
  await sets.iocs
    .list({ filter: requireFilter(filter), pageSize: PAGE_SIZE, ...signalOption(options.signal) })
    .forEach((ioc) => change.push({ id: ioc.Id, label: iocLabel(ioc) }));
  const spec = {
    operation: "deleteWhere" as const,
    outcome: "deleted" as const,
    filter,
    missingIsDone: true,
    write: (item: EditItem, signal: AbortSignal | undefined) =>
      sets.iocs.delete(item.id, signalOption(signal)),
  };
  return makeEditPlan(sets, spec, { change, unchanged: [], rejected: [] }, options);
}

/**
 * Plans disabling every alert definition matching `filter`; those already disabled are left unchanged.
 * @example const plan = await disableWhere(session, "Category eq 'Trojan'"); await plan.apply({ confirm: true })
 */
export async function disableWhere(
  sets: BulkSets,
  filter: string,
  options: EditOptions = {},
): Promise<EditPlan> {
  const change: EditItem[] = [];
  const unchanged: EditItem[] = [];
  await sets.alerts
    .list({ filter: requireFilter(filter), pageSize: PAGE_SIZE, ...signalOption(options.signal) })
    .forEach((alert) => (alert.Enabled ? change : unchanged).push({ id: alert.Id, label: alert.Name }));
  const spec = {
    operation: "disableWhere" as const,
    outcome: "disabled" as const,
    filter,
    missingIsDone: false,
    write: (item: EditItem, signal: AbortSignal | undefined) =>
      sets.alerts.disable(item.id, signalOption(signal)),
  };
  return makeEditPlan(sets, spec, { change, unchanged, rejected: [] }, options);
}

// An IOC goes to change (with the fields that differ), unchanged, or rejected when the patch does not fit it.
function sortForPatch(
  ioc: IndicatorOfCompromise,
  patch: Readonly<Record<string, unknown>>,
  parts: { change: EditItem[]; unchanged: EditItem[]; rejected: Rejection[] },
): void {
  const stored = ioc as unknown as Record<string, unknown>;
  const merged = validateEntity("IndicatorsOfCompromise", patch, { mode: "update", existing: stored });
  if (merged.errors.length) {
    parts.rejected.push(
      rejection(
        0,
        merged.errors.map((e) => ({ ...e, field: `IOC ${ioc.Id} ${e.field}` })),
      ),
    );
    return;
  }
  const changed = Object.entries(merged.body).filter(
    ([k, v]) => JSON.stringify(v) !== JSON.stringify(stored[k]),
  );
  const item = { id: ioc.Id, label: iocLabel(ioc) };
  if (changed.length) parts.change.push({ ...item, patch: Object.fromEntries(changed) });
  else parts.unchanged.push(item);
}

function requireFilter(filter: string): string {
  if (typeof filter !== "string" || filter.trim() === "") {
    const rule = 'must not be empty (to match everything, say so: "Id gt 0")';
    throw invalid("filter", filter, rule, `A bulk edit needs a $filter: it ${rule}`);
  }
  return filter;
}

function iocLabel(ioc: IndicatorOfCompromise): string {
  return `${ioc.Type} ${ioc.Value}`;
}
