import { dryRunError } from "./errors.js";
import { findExisting } from "./lookup.js";
import type { ImportInput } from "./input/read.js";
import { createRows } from "./create.js";
import { normalizeApplyOptions, type ApplyOptions } from "./options.js";
import { planImport, type ImportOptions, type ImportPlan, type PlannedUpdate } from "./plan.js";
import { runPool } from "./pool.js";
import type { BulkResult } from "./result.js";
import { writeItem } from "./retry.js";
import { newMemory, type RunMemory } from "./memory.js";
import { Run } from "./run.js";
import { signalOption, type BulkSets } from "./sets.js";
import type { Candidate } from "./normalize.js";

/** An import plan that can be applied. */
export interface ApplicableImportPlan extends ImportPlan {
  /**
   * Writes the plan: creates (BulkUpload chunks), then updates (PATCH). Needs `confirm: true`.
   * @example await plan.apply({ confirm: true, journal: "import.jsonl", onProgress: (p) => bar.update(p) })
   */
  apply(options: ApplyOptions): Promise<BulkResult>;
}

/**
 * Plans an import of IOCs from a file path, text or array of objects (CSV, JSON, plain text, STIX 2.1): every row
 * validated and normalised, in-file duplicates collapsed, IOCs already on the server found; nothing is written
 * until `plan.apply({ confirm: true })`. Attached to the session as `iocs.import(input, options)`.
 * @example const plan = await importIocs(session, "feed.txt", { alert: 1 }); await plan.apply({ confirm: true })
 */
export async function importIocs(
  sets: BulkSets,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ApplicableImportPlan> {
  const plan = await planImport(sets, input, options);
  const memory = newMemory();
  const apply = (applyOptions: ApplyOptions): Promise<BulkResult> =>
    applyImport(sets, plan, memory, applyOptions);
  return Object.defineProperty({ ...plan }, "apply", {
    value: apply,
    enumerable: false,
  }) as ApplicableImportPlan;
}

async function applyImport(
  sets: BulkSets,
  plan: ImportPlan,
  memory: RunMemory,
  options: ApplyOptions,
): Promise<BulkResult> {
  if (plan.dryRun) throw dryRunError();
  const settings = normalizeApplyOptions(options, "Importing IOCs");
  const total = plan.create.length + plan.update.length;
  const run = await Run.start(
    "import",
    settings,
    memory,
    { fingerprint: plan.fingerprint, total },
    () => sets.waitedMs?.() ?? 0,
  );
  let unchanged = 0;
  const sentEarlier = [];
  for (const row of plan.unchanged) {
    const earlier = memory.done.get(row.key);
    if (earlier) run.resumed(earlier.outcome);
    // Sent by an earlier run whose answer was lost, and found on the server by this plan: that run created it.
    else if (memory.unacknowledged.has(row.key)) sentEarlier.push(row);
    else unchanged++;
  }
  await run.adopt(sentEarlier, "created");
  const creates = await pendingCreates(sets, run, plan.create);
  const updates = plan.update.filter((u) => !resumedItem(run, u.key));
  run.tracker.total = creates.length + updates.length;
  await createRows(sets.iocs, run, creates);
  await runPool(
    updates,
    settings.concurrency,
    (u) => updateRow(sets, run, u),
    settings.signal,
    () => run.stopping,
  );
  return run.finish({ rejections: plan.rejected, duplicates: plan.duplicates.length, unchanged });
}

/** The creates still to send: those an earlier run finished are counted, those it sent unanswered looked up. */
async function pendingCreates(sets: BulkSets, run: Run, rows: readonly Candidate[]): Promise<Candidate[]> {
  const open = rows.filter((r) => !resumedItem(run, r.key));
  const unanswered = open.filter((r) => run.memory.unacknowledged.has(r.key));
  if (unanswered.length === 0) return open;
  const { signal, concurrency } = run.settings;
  const landed = await findExisting(sets.iocs, unanswered, { signal, concurrency });
  await run.adopt(
    unanswered
      .filter((r) => landed.has(r.key))
      .map((r) => ({ key: r.key, line: r.line, id: landed.get(r.key)?.[0]?.Id })),
    "created",
  );
  return open.filter((r) => !landed.has(r.key));
}

function resumedItem(run: Run, key: string): boolean {
  const earlier = run.memory.done.get(key);
  if (earlier) run.resumed(earlier.outcome);
  return earlier !== undefined;
}

function updateRow(sets: BulkSets, run: Run, u: PlannedUpdate): Promise<void> {
  const item = { key: u.key, line: u.line, id: u.id };
  return writeItem(
    run,
    item,
    () => sets.iocs.update(u.id, { ...u.patch }, signalOption(run.settings.signal)),
    "updated",
  );
}
