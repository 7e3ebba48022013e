import { applicable, applyWork, type Applicable, type Work } from "../apply.js";
import type { ImportInput } from "../input/read.js";
import { newMemory } from "../memory.js";
import type { BulkSets } from "../sets.js";
import { iocTarget } from "../targets/iocs.js";
import type { CreateItem, Target } from "../targets/target.js";
import { planImport, type ImportOptions, type ImportPlan } from "./plan.js";

/** An import plan that can be applied: creates (BulkUpload chunks), then updates (PATCH). */
export interface ApplicableImportPlan extends ImportPlan, Applicable {}

/**
 * Plans an import of IOCs from a file path, text or array of objects (CSV, JSON, plain text, STIX 2.1): every row
 * validated and normalised, in-file duplicates collapsed, IOCs already on the server found; nothing is written
 * until `plan.apply({ confirm: true })`. A session's `iocs.import(input, options)`.
 * @example const plan = await importIocs(session, "feed.txt", { alert: 1 }); await plan.apply({ confirm: true })
 */
export function importIocs(
  sets: BulkSets,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ApplicableImportPlan> {
  return importInto(iocTarget(sets.iocs), sets, input, { ...options, what: "Importing IOCs" });
}

/**
 * Plans an import into any target set (see {@link Target}); its `apply` runs the one engine: creates in the
 * target's batches, then updates. `sets` gives the session's 429 clock and applier.
 * @example const plan = await importInto(iocTarget(session.iocs), session, "feed.csv", { alert: 1, what: "Importing IOCs" })
 */
export async function importInto<C extends CreateItem, S, O>(
  target: Target<C, S, O>,
  sets: Pick<BulkSets, "waitedMs" | "applier" | "rateBudget">,
  input: ImportInput,
  options: O & Omit<ImportOptions, "alert"> & { readonly what: string },
): Promise<ImportPlan<C> & Applicable> {
  const plan = await planImport(target, input, options);
  const work: Work<C> = {
    operation: "import",
    fingerprint: plan.fingerprint,
    creates: { target, items: plan.create },
    writes: plan.update.map((u) => ({
      ...{ key: u.key, line: u.line, id: u.id, outcome: "updated", missingIsDone: false },
      write: (signal: AbortSignal | undefined) => target.update(u.id, u.patch, signal),
    })),
    present: plan.unchanged,
    rejections: plan.rejected,
    duplicates: plan.duplicates.length,
  };
  // One memory per plan: applying it again (after Ctrl-C) never repeats what the first apply did.
  const context = { plan, what: options.what, memory: newMemory(), sets };
  return applicable({ ...plan }, (applyOptions = {}) => applyWork(work, applyOptions, context));
}
