import {
  BATCH_DELETE_MAX,
  IMPORT_BATCH_MAX,
  INDICATOR_CAP,
  LIST_TOP_MAX,
  type Indicator,
} from "../../schema/index.js";
import { applicable, applyWork, type Work } from "../apply.js";
import { invalid } from "../errors.js";
import { estimateText } from "../estimate.js";
import type { IndicatorSets } from "../import/indicators.js";
import { planImport } from "../import/plan.js";
import type { ImportInput } from "../input/read.js";
import { fingerprintOf } from "../journal.js";
import { newMemory } from "../memory.js";
import { signalOption } from "../sets.js";
import type { IndicatorItem } from "../targets/indicator-rows.js";
import { indicatorTarget, storedKey, upsertBody } from "../targets/indicators.js";
import { keepTop, priorityOrder } from "./priority.js";
import { expiryDefaults, unknownGroups } from "./rows.js";
import type { IndicatorSyncPlan, SyncOptions } from "./types.js";
import { syncWriter } from "./writer.js";

const SYNC_OPTIONS = new Set(["owner", "priority", "expiryDays", "knownDeviceGroups", "cap"]);
const PLAN_OPTIONS = new Set(["format", "dryRun", "signal", "lookupConcurrency", ...SYNC_OPTIONS]);

/**
 * Plans making the indicators owned by `options.owner` (their `application`) equal the input: creates what is
 * missing, updates what differs (only the fields the rows state), deletes (BatchDelete, 500 per call) what the
 * input no longer has, and never writes an indicator of another owner, even one a row names. Over the cap, the
 * top rows by `priority` are kept and the rest listed. Inputs, row defaults, dry run, apply, journal and resume as
 * `indicators.import`. A session's `indicators.sync(input, options)`.
 * @example const plan = await syncIndicators(session, "feed.csv", { owner: "MISP feed", action: "Block" })
 */
export async function syncIndicators(
  sets: IndicatorSets,
  input: ImportInput,
  options: SyncOptions,
): Promise<IndicatorSyncPlan> {
  const owner = options?.owner;
  if (typeof owner !== "string" || owner.trim() === "") {
    const must = 'must name the feed that owns its indicators, e.g. { owner: "MISP feed" }';
    throw invalid("owner", owner, must, `owner: ${JSON.stringify(owner)} ${must}`);
  }
  const limit = options.cap ?? INDICATOR_CAP;
  // A wrong rule is refused now, not only on the day the feed outgrows the cap.
  priorityOrder(options.priority);
  const nowMs = Date.now();
  const defaults = Object.fromEntries(Object.entries(options).filter(([k]) => !PLAN_OPTIONS.has(k)));
  const rowDefaults = { ...defaults, application: owner };
  const list = sets.indicators.list({ pageSize: LIST_TOP_MAX, ...signalOption(options.signal) });
  const owned = new Map<string, Indicator>();
  const others = new Map<string, Indicator>();
  for (const stored of await list.toArray())
    (stored.application === owner ? owned : others).set(storedKey(stored), stored);
  const target = indicatorTarget(sets.indicators, () => nowMs);
  const withDefaults = expiryDefaults(options.expiryDays, nowMs);
  let candidates: readonly IndicatorItem[] = [];
  const plan = await planImport(
    {
      ...target,
      // The owner is every row's application, whatever a column says: it is what marks the sync's own.
      normalize: (rows) => {
        const normal = withDefaults(target.normalize(rows, rowDefaults), owner);
        candidates = normal.candidates;
        return normal;
      },
      findExisting: async (items) =>
        new Map(items.flatMap((i) => (owned.has(i.key) ? [[i.key, [owned.get(i.key) as Indicator]]] : []))),
    },
    input,
    { ...options, ...rowDefaults },
  );
  const leftAlone = plan.create.flatMap((c) => {
    const stored = others.get(c.key);
    const whose = stored?.application
      ? `owned by ${JSON.stringify(stored.application)}`
      : "not owned by any feed";
    return stored ? [{ line: c.line, key: c.key, id: Number(stored.id), reason: whose }] : [];
  });
  const alone = new Set(leftAlone.map((a) => a.key));
  const rows = candidates.filter((c) => !alone.has(c.key));
  const room = limit - others.size;
  const { kept, leftOut } =
    rows.length > room ? keepTop(rows, room, options.priority) : { kept: rows, leftOut: [] };
  const keptKeys = new Set(kept.map((k) => k.key));
  const deletes = [...owned]
    .filter(([key]) => !keptKeys.has(key))
    .map(([key, s]) => ({ id: Number(s.id), key }));
  const create = kept.filter((k) => !owned.has(k.key)).sort((a, b) => a.line - b.line);
  const update = plan.update.filter((u) => keptKeys.has(u.key));
  const unchanged = plan.unchanged.filter((u) => keptKeys.has(u.key));
  const upserts: IndicatorItem[] = update.map((u) => ({
    ...{ line: u.line, key: u.key, given: u.patch, outcome: "updated" as const },
    body: upsertBody(owned.get(u.key) as Indicator, u.patch),
  }));
  const removals = deletes.map((d): IndicatorItem => ({
    line: 0,
    key: `id:${d.id}`,
    body: {},
    given: {},
    outcome: "deleted",
  }));
  const items = [...removals, ...create, ...upserts];
  const calls = {
    import: Math.ceil((create.length + upserts.length) / IMPORT_BATCH_MAX),
    batchDelete: Math.ceil(deletes.length / BATCH_DELETE_MAX),
  };
  const expired = plan.rejected.filter(
    (r) => r.field === "expirationTime" && r.rule.startsWith("is in the past"),
  );
  const counts = {
    ...plan.counts,
    ...{ create: create.length, update: update.length, unchanged: unchanged.length, delete: deletes.length },
    ...{ leftAlone: leftAlone.length, leftOut: leftOut.length },
  };
  const sync = {
    ...{ owner, delete: deletes, leftAlone },
    expired: expired.map((r) => ({ line: r.line, reason: r.reason })),
    unknownDeviceGroups: unknownGroups(kept, options.knownDeviceGroups),
    cap: { limit, others: others.size, exceeded: leftOut.length > 0, leftOut },
  };
  const estimate = [
    estimateText(create.length + upserts.length, calls.import, "import", "indicators to create or update"),
    estimateText(deletes.length, calls.batchDelete, "batchDelete", "indicators to delete"),
  ].join("; ");
  const data = { ...plan, counts, create, update, unchanged, sync, calls, estimate };
  const work: Work<IndicatorItem> = {
    operation: "import",
    fingerprint: fingerprintOf([`sync ${owner}`, plan.fingerprint]),
    creates: { target: syncWriter(sets), items },
    writes: [],
    present: unchanged,
    rejections: plan.rejected,
    duplicates: plan.duplicates.length,
  };
  const context = {
    plan: data,
    what: `Syncing indicators of ${JSON.stringify(owner)}`,
    memory: newMemory(),
    sets,
  };
  // One chunk at a time: the deletes, listed first, free room under the cap before the creates arrive.
  return applicable(data, (o = {}) => applyWork(work, { ...o, chunkConcurrency: 1 }, context));
}
