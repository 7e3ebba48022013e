import { HttpError, ValidationError } from "../../errors/index.js";
import { BATCH_DELETE_MAX, IMPORT_BATCH_MAX, validateIndicator, type Indicator } from "../../schema/index.js";
import { applicable, applyWork, type Work } from "../apply.js";
import { estimateText } from "../estimate.js";
import { invalid } from "../errors.js";
import type { IndicatorSets } from "../import/indicators.js";
import { fingerprintOf } from "../journal.js";
import { newMemory } from "../memory.js";
import { signalOption } from "../sets.js";
import type { IndicatorItem } from "../targets/indicator-rows.js";
import { indicatorWriter, upsertBody } from "../targets/indicators.js";
import type { BatchWriter, CreateOutcome } from "../targets/target.js";
import { rejection, type Rejection } from "../types.js";
import type { EditItem, EditOptions, EditPlan, EditPlanData } from "./plan.js";

/** An indicator edit by filter: its plan, the calls `apply` makes and how long they take at the documented limits. */
export interface IndicatorEditPlan extends EditPlan {
  readonly calls: { readonly import?: number; readonly batchDelete?: number };
  readonly estimate: string;
}

/**
 * Plans rewriting every indicator matching `filter` with `patch`: each is re-sent whole with the patch (named by
 * its `id`), through `/api/indicators/import`, 500 per call (cheaper than a submit each: 30 calls a minute carry
 * 15,000). Indicators that already have those values are unchanged; one the patch does not fit is rejected.
 * @example const plan = await updateIndicatorsWhere(session, "action eq 'Audit'", { severity: "High" })
 */
export async function updateIndicatorsWhere(
  sets: IndicatorSets,
  filter: string,
  patch: Readonly<Record<string, unknown>>,
  options: EditOptions = {},
): Promise<IndicatorEditPlan> {
  if (patch === null || typeof patch !== "object" || Object.keys(patch).length === 0)
    throw invalid("patch", patch, 'must name at least one property to set, e.g. { severity: "High" }');
  checkPatch(patch);
  const change: EditItem[] = [];
  const unchanged: EditItem[] = [];
  const rejected: Rejection[] = [];
  const items: IndicatorItem[] = [];
  for (const stored of await matching(sets, filter, options)) {
    const body = upsertBody(stored, patch);
    const checked = validateIndicator(body, { nowMs: Date.now() });
    const item = { id: Number(stored.id), label: labelOf(stored) };
    if (checked.errors.length) {
      const violations = checked.errors.map((e) => ({ ...e, field: `indicator ${stored.id} ${e.field}` }));
      rejected.push(rejection(0, violations));
      continue;
    }
    const record = stored as unknown as Record<string, unknown>;
    const differs = Object.keys(patch).filter(
      (k) => JSON.stringify(checked.body[k]) !== JSON.stringify(record[k]),
    );
    if (differs.length === 0) {
      unchanged.push(item);
      continue;
    }
    const changed = Object.fromEntries(differs.map((k) => [k, checked.body[k]]));
    change.push({ ...item, patch: changed });
    items.push({ line: 0, key: `id:${stored.id}`, body: checked.body, given: changed, outcome: "updated" });
  }
  const data = editData("updateWhere", filter, options, { change, unchanged, rejected }, patch);
  const calls = Math.ceil(items.length / IMPORT_BATCH_MAX);
  const estimate = estimateText(items.length, calls, "import", "indicators to update");
  return applicableEdit(sets, data, items, indicatorWriter(sets.indicators), { import: calls }, estimate);
}

/**
 * Plans deleting every indicator matching `filter` through BatchDelete, 500 ids per call. A call naming an id
 * already gone (deleted meanwhile, or by a run whose answer was lost) is all-or-nothing 404: its ids are then
 * deleted one by one, a 404 counting as deleted.
 * @example const plan = await deleteIndicatorsWhere(session, "expirationTime lt 2026-01-01T00:00:00Z")
 */
export async function deleteIndicatorsWhere(
  sets: IndicatorSets,
  filter: string,
  options: EditOptions = {},
): Promise<IndicatorEditPlan> {
  const found = await matching(sets, filter, options);
  const change = found.map((stored) => ({ id: Number(stored.id), label: labelOf(stored) }));
  const items = change.map((c): IndicatorItem => ({
    line: 0,
    key: `id:${c.id}`,
    body: {},
    given: {},
    outcome: "deleted",
  }));
  const data = editData("deleteWhere", filter, options, { change, unchanged: [], rejected: [] });
  const calls = Math.ceil(items.length / BATCH_DELETE_MAX);
  const estimate = estimateText(items.length, calls, "batchDelete", "indicators to delete");
  return applicableEdit(sets, data, items, batchDeleter(sets), { batchDelete: calls }, estimate);
}

// A property the patch names must exist, be writable and be well-formed on its own (rules across fields are
// checked per indicator: a patched action may fit one type and not another).
function checkPatch(patch: Readonly<Record<string, unknown>>): void {
  const own = validateIndicator(patch, { nowMs: Date.now() }).errors.filter(
    (e) => e.field in patch && !/indicatorType|action is Audit/.test(e.rule),
  );
  if (own.length) throw new ValidationError(`The patch is not valid: ${rejection(0, own).reason}`, own);
}

/**
 * Deletes indicators named `id:N` through BatchDelete, 500 per call; a call that 404s (an id gone already) is
 * redone one by one, a 404 counting as deleted: the delete step of `deleteWhere` and of a sync.
 * @example await createItems(batchDeleter(session), run, items)
 */
export function batchDeleter(sets: IndicatorSets): BatchWriter<IndicatorItem> {
  const idOf = (item: IndicatorItem) => item.key.slice("id:".length);
  const createBatch = async (items: readonly IndicatorItem[], signal: AbortSignal | undefined) => {
    const done = items.map((item): CreateOutcome => ({ key: item.key, id: Number(idOf(item)) }));
    try {
      await sets.indicators.batchDelete(items.map(idOf), signalOption(signal));
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 404) throw error;
      // All or nothing: some id is gone already. The others go one by one.
      for (const item of items) await deleteOne(sets, idOf(item), signal);
    }
    return done;
  };
  return {
    batchSize: { default: BATCH_DELETE_MAX, max: BATCH_DELETE_MAX },
    batchResults: "all-or-nothing",
    resendUnanswered: true,
    createBatch,
    createOne: async (item, signal) => (await createBatch([item], signal))[0] as CreateOutcome,
  };
}

async function deleteOne(sets: IndicatorSets, id: string, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sets.indicators.delete(id, signalOption(signal));
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 404) throw error;
  }
}

async function matching(sets: IndicatorSets, filter: string, options: EditOptions): Promise<Indicator[]> {
  if (typeof filter !== "string" || filter.trim() === "") {
    const rule = "must not be empty (to match everything, say so: \"indicatorValue ne ''\")";
    throw invalid("filter", filter, rule, `A bulk edit needs a $filter: it ${rule}`);
  }
  return sets.indicators.list({ filter, pageSize: 10_000, ...signalOption(options.signal) }).toArray();
}

function editData(
  operation: "updateWhere" | "deleteWhere",
  filter: string,
  options: EditOptions,
  parts: { change: EditItem[]; unchanged: EditItem[]; rejected: Rejection[] },
  patch?: Readonly<Record<string, unknown>>,
): EditPlanData {
  const { change, unchanged, rejected } = parts;
  const counts = {
    matched: change.length + unchanged.length + rejected.length,
    ...{ change: change.length, unchanged: unchanged.length, rejected: rejected.length },
  };
  const head = { operation, dryRun: options.dryRun === true, filter, ...(patch ? { patch } : {}) };
  return { ...head, counts, change, unchanged, rejected };
}

function applicableEdit(
  sets: IndicatorSets,
  data: EditPlanData,
  items: readonly IndicatorItem[],
  target: BatchWriter<IndicatorItem>,
  calls: IndicatorEditPlan["calls"],
  estimate: string,
): IndicatorEditPlan {
  const detail = data.patch ? JSON.stringify(data.patch) : "";
  const work: Work<IndicatorItem> = {
    operation: data.operation,
    fingerprint: fingerprintOf([data.operation, data.filter, detail]),
    creates: { target, items },
    writes: [],
    present: data.unchanged.map((item) => ({ key: `id:${item.id}`, id: item.id })),
    rejections: data.rejected,
    duplicates: 0,
  };
  const plan = { ...data, calls, estimate };
  const what = `indicators.${data.operation}(${JSON.stringify(data.filter)})`;
  const context = { plan, what, memory: newMemory(), sets };
  return applicable(plan, (applyOptions = {}) => applyWork(work, applyOptions, context));
}

function labelOf(stored: Indicator): string {
  return `${stored.indicatorType} ${stored.indicatorValue} ${stored.action}`;
}
