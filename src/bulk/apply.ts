import { dryRunError } from "./errors.js";
import type { Outcome } from "./journal.js";
import type { RunItem, RunMemory } from "./memory.js";
import { createItems } from "./create.js";
import {
  normalizeApplyOptions,
  type AnyPlan,
  type ApplyOptions,
  type ApplySettings,
  type Remaining,
} from "./options.js";
import { runPool } from "./pool.js";
import type { BulkOperation, BulkResult } from "./result.js";
import { writeItem } from "./retry.js";
import { Run } from "./run.js";
import type { BatchWriter, CreateItem } from "./targets/target.js";
import type { BulkSets } from "./sets.js";
import type { Rejection } from "./types.js";

/** One idempotent write by Id (a PATCH, a DELETE, a disable): an unknown outcome is simply sent again. */
export interface ItemWrite {
  readonly key: string;
  readonly line?: number;
  readonly id: number;
  readonly outcome: Outcome;
  /** A 404 counts as done (a delete whose earlier attempt landed). */
  readonly missingIsDone: boolean;
  write(signal: AbortSignal | undefined): Promise<unknown>;
}

/** What applying a plan writes: the engine's whole input, made from the plan and nothing else. */
export interface Work<C extends CreateItem> {
  readonly operation: BulkOperation;
  /** Names the edit in the journal, so a journal is only resumed by the same edit. */
  readonly fingerprint: string;
  /** Items to create on a target set, in batches or one by one. */
  readonly creates?: { readonly target: BatchWriter<C>; readonly items: readonly C[] };
  readonly writes: readonly ItemWrite[];
  /** Items already as wanted: unchanged, unless an earlier run with the same journal sent them (its creates). */
  readonly present: readonly RunItem[];
  readonly rejections: readonly Rejection[];
  readonly duplicates: number;
}

/** What the engine needs besides the work: the plan (to confirm), the plan's memory and its sets. */
export interface ApplyContext {
  readonly plan: AnyPlan;
  /** Names the edit in messages: "Importing IOCs". */
  readonly what: string;
  readonly memory: RunMemory;
  /** The sets the plan was made on: their 429 clock and their applier (the console's). */
  readonly sets: Pick<BulkSets, "waitedMs" | "applier" | "rateBudget">;
}

/** A plan's `apply`: `confirm: true` always resolves to a result; a `confirm` callback may say no (undefined). */
export interface Applicable {
  /**
   * Writes the plan. Needs `confirm: true`, or a callback that asks first (undefined when it says no).
   * @example await plan.apply({ confirm: true, journal: "edit.jsonl", onProgress: (p) => bar.update(p) })
   */
  apply(options: ApplyOptions & { readonly confirm: true }): Promise<BulkResult>;
  apply(options?: ApplyOptions): Promise<BulkResult | undefined>;
}

/**
 * A plan's data with its `apply` (not enumerable, so tables and JSON of a plan show only what it would do).
 * @example return applicable(plan, (options) => applyWork(work, options ?? {}, context))
 */
export function applicable<T extends object>(
  data: T,
  apply: (options?: ApplyOptions) => Promise<BulkResult | undefined>,
): T & Applicable {
  return Object.defineProperty(data, "apply", { value: apply, enumerable: false }) as T & Applicable;
}

/**
 * The bulk engine, written once for every plan: confirm → resume (what the journal and this plan's memory say
 * was done) → create → write → journal → result and report. Resolves to undefined when `confirm` said no.
 * @example await applyWork(work, { confirm: true, journal: "j.jsonl" }, { plan, what, memory: newMemory(), sets })
 */
export function applyWork<C extends CreateItem>(
  work: Work<C>,
  options: ApplyOptions,
  context: ApplyContext,
): Promise<BulkResult | undefined> {
  const engine = (o: ApplyOptions): Promise<BulkResult | undefined> => applyNow(work, o, context);
  return context.sets.applier ? context.sets.applier(context.plan, options, engine) : engine(options);
}

async function applyNow<C extends CreateItem>(
  work: Work<C>,
  options: ApplyOptions,
  context: ApplyContext,
): Promise<BulkResult | undefined> {
  if (context.plan.dryRun) throw dryRunError();
  const settings = normalizeApplyOptions(options, context.what, work.creates?.target.batchSize);
  const left = remaining(work, context.memory);
  if (typeof options.confirm === "function" && !(await options.confirm(context.plan, left))) return undefined;
  const items = work.creates?.items ?? [];
  const begin = { fingerprint: work.fingerprint, total: items.length + work.writes.length };
  const waitedMs = (): number => context.sets.waitedMs?.() ?? 0;
  const ledger = context.sets.rateBudget?.();
  const run = await Run.start(work.operation, settings, context.memory, begin, { waitedMs, ledger });
  try {
    return await applyRun(work, run, settings);
  } catch (error) {
    await run.abandon();
    throw error;
  }
}

async function applyRun<C extends CreateItem>(
  work: Work<C>,
  run: Run,
  settings: ApplySettings,
): Promise<BulkResult> {
  const items = work.creates?.items ?? [];
  const unchanged = await settlePresent(run, work.present);
  const creates = work.creates ? await pendingCreates(work.creates.target, run, items) : [];
  const writes = work.writes.filter((w) => !resumedItem(run, w.key));
  run.total = creates.length + writes.length;
  if (work.creates) await createItems(work.creates.target, run, creates);
  const { concurrency, signal } = settings;
  const write = (w: ItemWrite): Promise<void> =>
    writeItem(run, w, () => w.write(signal), w.outcome, w.missingIsDone);
  await runPool(writes, concurrency, write, signal, () => run.stopping);
  return run.finish({ rejections: work.rejections, duplicates: work.duplicates, unchanged });
}

/** What the plan still writes, by this plan's memory (a journal is read once the run starts). */
function remaining<C extends CreateItem>(work: Work<C>, memory: RunMemory): Remaining {
  const open = <T extends { readonly key: string }>(xs: readonly T[]): T[] =>
    xs.filter((x) => !memory.done.has(x.key));
  const items = work.creates?.items ?? [];
  const creates = open(items);
  const writes = open(work.writes);
  const update = creates.filter((c) => c.outcome === "updated").length;
  const earlier = items.length + work.writes.length - creates.length - writes.length;
  if (work.operation !== "import") return { create: 0, update: 0, change: writes.length, earlier };
  return { create: creates.length - update, update: update + writes.length, change: 0, earlier };
}

/** Counts items found as wanted: done by an earlier run, sent by one whose answer was lost, or unchanged. */
async function settlePresent(run: Run, present: readonly RunItem[]): Promise<number> {
  let unchanged = 0;
  const sentEarlier: RunItem[] = [];
  for (const item of present) {
    const earlier = run.memory.done.get(item.key);
    if (earlier) run.resumed(earlier.outcome);
    // Sent by an earlier run whose answer was lost, and found on the server by this plan: that run created it.
    else if (run.memory.unacknowledged.has(item.key)) sentEarlier.push(item);
    else unchanged++;
  }
  await run.adopt(sentEarlier, "created");
  return unchanged;
}

/** The creates still to send: those an earlier run finished are counted, those it sent unanswered looked up. */
async function pendingCreates<C extends CreateItem>(
  target: BatchWriter<C>,
  run: Run,
  items: readonly C[],
): Promise<C[]> {
  const open = items.filter((r) => !resumedItem(run, r.key));
  const unanswered = open.filter((r) => run.memory.unacknowledged.has(r.key));
  // An upsert sent again updates what an earlier run's lost call created: nothing to look up.
  const { findExisting, idOf: storedId } = target;
  if (unanswered.length === 0 || target.resendUnanswered || !findExisting || !storedId) return open;
  const { signal, concurrency } = run.settings;
  const landed = await findExisting(unanswered, { signal, concurrency });
  const found = unanswered.filter((r) => landed.has(r.key));
  const idOf = (key: string): number | undefined => {
    const stored = landed.get(key)?.[0];
    return stored === undefined ? undefined : storedId(stored);
  };
  await run.adopt(
    found.map((r) => ({ key: r.key, line: r.line, id: idOf(r.key) })),
    "created",
  );
  return open.filter((r) => !landed.has(r.key));
}

function resumedItem(run: Run, key: string): boolean {
  const earlier = run.memory.done.get(key);
  if (earlier) run.resumed(earlier.outcome);
  return earlier !== undefined;
}
