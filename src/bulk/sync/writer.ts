import { IMPORT_BATCH_MAX } from "../../schema/index.js";
import { batchDeleter } from "../edit/indicators.js";
import type { IndicatorSets } from "../import/indicators.js";
import type { IndicatorItem } from "../targets/indicator-rows.js";
import { indicatorWriter } from "../targets/indicators.js";
import type { BatchWriter, CreateOutcome } from "../targets/target.js";

/**
 * The create step of a sync: its items in the engine's chunks of 500 (BatchDelete's and import's ceiling alike),
 * the deletes (outcome `deleted`, key `id:N`) of a chunk through BatchDelete, the rest through import. Both are
 * safe to send again, so an unanswered chunk is re-sent. The plan lists deletes first, so that they free room
 * under the cap before anything is created.
 * @example await createItems(syncWriter(session), run, [...deletes, ...upserts])
 */
export function syncWriter(sets: IndicatorSets): BatchWriter<IndicatorItem> {
  const deleter = batchDeleter(sets);
  const upserter = indicatorWriter(sets.indicators);
  const createBatch = async (
    items: readonly IndicatorItem[],
    signal: AbortSignal | undefined,
  ): Promise<CreateOutcome[]> => {
    const deletes = items.filter((item) => item.outcome === "deleted");
    const upserts = items.filter((item) => item.outcome !== "deleted");
    const deleted = deletes.length ? await deleter.createBatch(deletes, signal) : [];
    const upserted = upserts.length ? await upserter.createBatch(upserts, signal) : [];
    return [...deleted, ...upserted];
  };
  return {
    batchSize: { default: IMPORT_BATCH_MAX, max: IMPORT_BATCH_MAX },
    batchResults: "per-item",
    resendUnanswered: true,
    createBatch,
    createOne: async (item, signal) => (await createBatch([item], signal))[0] as CreateOutcome,
  };
}
