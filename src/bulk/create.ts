import { classifyFailure } from "./errors.js";
import { chunk, runPool } from "./pool.js";
import { backoff, waitToRetry } from "./retry.js";
import type { Outcome } from "./journal.js";
import type { RunItem } from "./memory.js";
import type { Run } from "./run.js";
import type { BatchWriter, CreateItem, CreateOutcome } from "./targets/target.js";

type AnyTarget<C extends CreateItem> = BatchWriter<C>;

/**
 * Creates `items` on a target set: in batches of `chunkSize`, or one call each with the `per-item` strategy. An
 * all-or-nothing batch the service refuses (400) is split in halves until the bad item is alone, so the rest
 * still land; a per-item answer records each item as it says; a 507 on a batch is split the same way until one
 * item is refused alone, which stops the run with the quota filled exactly; a batch whose answer was lost
 * (network, timeout, 5xx) is looked up on the server before anything is sent again, so nothing is created twice.
 * @example await createItems(iocTarget(session.iocs), run, plan.create)
 */
export async function createItems<C extends CreateItem>(
  target: AnyTarget<C>,
  run: Run,
  items: readonly C[],
): Promise<void> {
  const { strategy, chunkSize, chunkConcurrency, concurrency, signal } = run.settings;
  const perItem = strategy === "per-item";
  const send = (part: C[]): Promise<void> => sendBatch(target, run, part, perItem, 1);
  const batches = chunk(items, perItem ? 1 : chunkSize);
  await runPool(batches, perItem ? concurrency : chunkConcurrency, send, signal, () => run.stopping);
}

async function sendBatch<C extends CreateItem>(
  target: AnyTarget<C>,
  run: Run,
  items: readonly C[],
  perItem: boolean,
  attempt: number,
): Promise<void> {
  if (run.stopping || items.length === 0) return;
  const { signal } = run.settings;
  await run.sent(items);
  let outcomes: CreateOutcome[];
  try {
    outcomes = perItem
      ? [await target.createOne(items[0] as C, signal)]
      : await target.createBatch(items, signal);
  } catch (error) {
    return batchFailed(target, run, items, perItem, attempt, error);
  }
  await recordOutcomes(run, items, outcomes);
}

// A per-item answer may refuse some items: those fail with their own error, the others are created.
async function recordOutcomes(
  run: Run,
  items: readonly CreateItem[],
  outcomes: CreateOutcome[],
): Promise<void> {
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  const landed = new Map<Outcome, RunItem[]>();
  for (const item of items) {
    const outcome = byKey.get(item.key);
    if (outcome && "error" in outcome) await run.failed([item], outcome.error);
    else {
      // An upsert may say per item what it did; else the plan knew (its update rows), else it is a create.
      const as = (outcome && "outcome" in outcome ? outcome.outcome : undefined) ?? item.outcome ?? "created";
      // Appended in place: copying the list per item made a 5,000-item batch quadratic (issue 14's profile).
      const done = landed.get(as) ?? [];
      if (done.length === 0) landed.set(as, done);
      done.push({ key: item.key, line: item.line, id: outcome?.id });
    }
  }
  for (const [as, done] of landed) await run.succeeded(done, as);
}

async function batchFailed<C extends CreateItem>(
  target: AnyTarget<C>,
  run: Run,
  items: readonly C[],
  perItem: boolean,
  attempt: number,
  error: unknown,
): Promise<void> {
  const kind = classifyFailure(error, run.settings.signal);
  // Aborted: the items stay unacknowledged, and the next run looks them up before sending them again.
  if (kind === "aborted") return;
  if (kind === "auth") return run.stop("auth", (error as Error).message);
  const whole = items.length === 1 || target.batchResults === "per-item";
  // A batch is refused as a whole, so halves still land: the quota fills exactly before the run stops.
  if (kind === "quota" && whole) {
    run.stop("quota", (error as Error).message);
    return run.failed(items, error);
  }
  if (kind === "quota" || kind === "refused" || kind === "missing") {
    if (whole) return run.failed(items, error);
    const half = Math.ceil(items.length / 2);
    await sendBatch(target, run, items.slice(0, half), perItem, 1);
    return sendBatch(target, run, items.slice(half), perItem, 1);
  }
  const rest = await settleLanded(target, run, items);
  if (rest === undefined) return;
  if (attempt >= run.settings.maxAttempts) return run.failed(rest, error);
  await waitToRetry(run, attempt, error);
  return sendBatch(target, run, rest, perItem, attempt + 1);
}

/** Looks up which items of a batch with a lost answer landed, records them, and returns the others. */
async function settleLanded<C extends CreateItem>(
  target: AnyTarget<C>,
  run: Run,
  items: readonly C[],
): Promise<C[] | undefined> {
  // An upsert sent again updates what landed: nothing to look up.
  const { findExisting, idOf } = target;
  if (target.resendUnanswered || !findExisting || !idOf) return [...items];
  const { signal, concurrency } = run.settings;
  // After maxAttempts failed lookups the items stay unacknowledged: skipped now, looked up by the next run.
  for (let attempt = 1; attempt <= run.settings.maxAttempts && !run.stopping; attempt++) {
    try {
      const landed = await findExisting(items, { signal, concurrency });
      const found = items.flatMap((item) => {
        const stored = landed.get(item.key)?.[0];
        return stored === undefined ? [] : [{ key: item.key, line: item.line, id: idOf(stored) }];
      });
      await run.succeeded(found, "created");
      return items.filter((item) => !landed.has(item.key));
    } catch (error) {
      if (classifyFailure(error, signal) === "aborted") return undefined;
      await backoff(run, attempt);
    }
  }
  return undefined;
}
