import type { IocCreateInput } from "../api/index.js";
import type { IndicatorOfCompromise } from "../schema/index.js";
import { classifyFailure } from "./errors.js";
import { findExisting } from "./lookup.js";
import type { Candidate } from "./normalize.js";
import { iocKey } from "./normalize.js";
import { chunk, runPool } from "./pool.js";
import { backoff, waitToRetry } from "./retry.js";
import type { Run } from "./run.js";
import { signalOption, type BulkIocSet } from "./sets.js";

/**
 * Creates `rows`: through Actions.BulkUpload in chunks (all or nothing each), or one POST per row. A chunk the
 * service refuses (400) is split in halves until the bad row is alone, so the rest still land; a 507 stops the
 * run; a chunk whose answer was lost (network, timeout, 5xx) is looked up on the server before anything is sent
 * again, so nothing is created twice.
 * @example await createRows(session.iocs, run, plan.create)
 */
export async function createRows(iocs: BulkIocSet, run: Run, rows: readonly Candidate[]): Promise<void> {
  const { strategy, chunkSize, chunkConcurrency, concurrency, signal } = run.settings;
  const perItem = strategy === "per-item";
  const chunks = chunk(rows, perItem ? 1 : chunkSize);
  const send = (part: Candidate[]): Promise<void> => sendChunk(iocs, run, part, perItem, 1);
  await runPool(chunks, perItem ? concurrency : chunkConcurrency, send, signal, () => run.stopping);
}

async function sendChunk(
  iocs: BulkIocSet,
  run: Run,
  rows: readonly Candidate[],
  perItem: boolean,
  attempt: number,
): Promise<void> {
  if (run.stopping || rows.length === 0) return;
  const { signal } = run.settings;
  await run.sent(rows);
  try {
    const bodies = rows.map((r) => r.body as unknown as IocCreateInput);
    const created = perItem
      ? [await iocs.create(bodies[0] as IocCreateInput, signalOption(signal))]
      : await iocs.bulkUpload(bodies, signalOption(signal));
    await run.succeeded(withIds(rows, created), "created");
  } catch (error) {
    await chunkFailed(iocs, run, rows, perItem, attempt, error);
  }
}

async function chunkFailed(
  iocs: BulkIocSet,
  run: Run,
  rows: readonly Candidate[],
  perItem: boolean,
  attempt: number,
  error: unknown,
): Promise<void> {
  const { signal } = run.settings;
  const kind = classifyFailure(error, signal);
  // Aborted: the rows stay unacknowledged, and the next run looks them up before sending them again.
  if (kind === "aborted") return;
  if (kind === "auth") return run.stop("auth", (error as Error).message);
  if (kind === "quota") {
    run.stop("quota", (error as Error).message);
    return run.failed(rows, error);
  }
  if (kind === "refused" || kind === "missing") {
    if (rows.length === 1) return run.failed(rows, error);
    const half = Math.ceil(rows.length / 2);
    await sendChunk(iocs, run, rows.slice(0, half), perItem, 1);
    return sendChunk(iocs, run, rows.slice(half), perItem, 1);
  }
  const rest = await settleLanded(iocs, run, rows);
  if (rest === undefined) return;
  if (attempt >= run.settings.maxAttempts) return run.failed(rest, error);
  await waitToRetry(run, attempt, error);
  return sendChunk(iocs, run, rest, perItem, attempt + 1);
}

/** Looks up which rows of a chunk with a lost answer landed, records them, and returns the others. */
async function settleLanded(
  iocs: BulkIocSet,
  run: Run,
  rows: readonly Candidate[],
): Promise<Candidate[] | undefined> {
  const { signal, concurrency } = run.settings;
  // After maxAttempts failed lookups the rows stay unacknowledged: skipped now, looked up again by the next run.
  for (let attempt = 1; attempt <= run.settings.maxAttempts && !run.stopping; attempt++) {
    try {
      const landed = await findExisting(iocs, rows, { signal, concurrency });
      const found = rows.filter((r) => landed.has(r.key));
      await run.succeeded(
        withIds(
          found,
          found.flatMap((r) => landed.get(r.key) ?? []),
        ),
        "created",
      );
      return rows.filter((r) => !landed.has(r.key));
    } catch (error) {
      if (classifyFailure(error, signal) === "aborted") return undefined;
      await backoff(run, attempt);
    }
  }
  return undefined;
}

/** Rows with the Id the service gave each (matched by identity, as the reply's order is not documented). */
function withIds(
  rows: readonly Candidate[],
  created: readonly IndicatorOfCompromise[],
): { key: string; line: number; id?: number }[] {
  const ids = new Map<string, number>();
  for (const ioc of created)
    ids.set(iocKey(ioc.Type, ioc.Value, ioc.DetectionFunction, ioc.AlertDefinitionId), ioc.Id);
  return rows.map((r) => {
    const id = ids.get(r.key);
    return id === undefined ? { key: r.key, line: r.line } : { key: r.key, line: r.line, id };
  });
}
