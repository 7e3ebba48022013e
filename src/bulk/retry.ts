import { AbortedError } from "../errors/index.js";
import { backoffDelayMs } from "../http/index.js";
import { classifyFailure } from "./errors.js";
import type { Outcome } from "./journal.js";
import type { RunItem } from "./memory.js";
import type { Run } from "./run.js";

/** Backoff between attempts of one item or chunk whose outcome stayed unknown: 200 ms doubling, capped at 5 s. */
export const ITEM_BACKOFF = { baseDelayMs: 200, maxDelayMs: 5000 } as const;

/**
 * Waits before another attempt, by the run's clock: the backoff (with http's full jitter), or `atLeastMs` when
 * longer. An abort ends the wait without throwing: the caller's loop sees the signal, stops scheduling and returns
 * the partial result.
 * @example await backoff(run, attempt)
 */
export async function backoff(run: Run, attempt: number, atLeastMs = 0): Promise<void> {
  const { clock, signal } = run.settings;
  try {
    await clock.sleep(Math.max(backoffDelayMs(ITEM_BACKOFF, attempt), atLeastMs), signal);
  } catch (error) {
    if (!(error instanceof AbortedError)) throw error;
  }
}

/**
 * Runs one idempotent write (PATCH, DELETE) for an item and records its outcome: a refusal fails it, a 507 stops
 * the run, an unknown outcome is simply sent again (the same PATCH or DELETE twice has the effect of once), and
 * a 404 counts as done when `missingIsDone` (a delete whose earlier attempt landed).
 * @example await writeItem(run, { key: "id:7", id: 7 }, () => iocs.delete(7, { signal }), "deleted", true)
 */
export async function writeItem(
  run: Run,
  item: RunItem,
  write: () => Promise<unknown>,
  outcome: Outcome,
  missingIsDone = false,
): Promise<void> {
  const { signal } = run.settings;
  for (let attempt = 1; !run.stopping; attempt++) {
    try {
      await write();
      return await run.succeeded([item], outcome);
    } catch (error) {
      const kind = classifyFailure(error, signal);
      if (kind === "aborted") return;
      // No token: leave the item for a rerun with the same journal once the credentials work again.
      if (kind === "auth") return run.stop("auth", (error as Error).message);
      if (kind === "missing" && missingIsDone) return await run.succeeded([item], outcome);
      if (kind === "quota") run.stop("quota", (error as Error).message);
      if (kind !== "unknown" || attempt >= run.settings.maxAttempts) return await run.failed([item], error);
      await waitToRetry(run, attempt, error);
    }
  }
}

/**
 * Waits before another attempt: the backoff, or longer when the service asked for it (a 429's Retry-After
 * beyond the client's ceiling), counting that wait as time spent on 429s.
 * @example await waitToRetry(run, attempt, error)
 */
export async function waitToRetry(run: Run, attempt: number, error: unknown): Promise<void> {
  const asked = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  const retryAfterMs = typeof asked === "number" && asked > 0 ? asked : 0;
  run.waited(retryAfterMs);
  await backoff(run, attempt, retryAfterMs);
}
