import { fingerprintOf } from "../journal.js";
import { readInput, type ImportInput } from "../input/read.js";
import type { Candidate } from "../targets/ioc-rows.js";
import type { IocRowOptions } from "../targets/iocs.js";
import type { CreateItem, Duplicate, Target } from "../targets/target.js";
import type { InputFormat, Rejection } from "../types.js";

/** Options of an IOC import (`iocs.import`). */
export interface ImportOptions extends IocRowOptions {
  /** The input format; default: from the file extension, else the content. */
  readonly format?: InputFormat;
  /** Marks the plan as a dry run: it shows what would happen, and its `apply` refuses to write. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  /** Lookup queries in flight at once. Default: 4. */
  readonly lookupConcurrency?: number;
}

/** An item the server holds whose compared fields differ from the input: patched by `apply`. */
export interface PlannedUpdate {
  readonly line: number;
  readonly key: string;
  readonly id: number;
  readonly patch: Readonly<Record<string, unknown>>;
}

/** An item the server already holds as the input describes it. */
export interface PlannedUnchanged {
  readonly line: number;
  readonly key: string;
  readonly id: number;
}

/** How many rows fall in each part of the plan. */
export interface ImportCounts {
  readonly rows: number;
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/** What an import would do, row by row; nothing has been written yet. `C` is the target's item (IOC rows). */
export interface ImportPlan<C extends CreateItem = Candidate> {
  readonly operation: "import";
  readonly dryRun: boolean;
  readonly format: InputFormat;
  /** Identifies the input, so a journal is only ever resumed by the same import. */
  readonly fingerprint: string;
  readonly counts: ImportCounts;
  readonly create: readonly C[];
  readonly update: readonly PlannedUpdate[];
  readonly unchanged: readonly PlannedUnchanged[];
  readonly duplicates: readonly Duplicate[];
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly string[];
}

/**
 * Reads, validates and de-duplicates an input, then asks the target set which items already exist, and returns
 * the plan without writing anything: read → normalise → look up → sort into create, update and unchanged.
 * Lookups run 4 at a time by default.
 * @example const plan = await planImport(iocTarget(session.iocs), "feed.csv", { alert: 1, dryRun: true })
 */
export async function planImport<C extends CreateItem, S, O>(
  target: Target<C, S, O>,
  input: ImportInput,
  options: O & Omit<ImportOptions, "alert">,
): Promise<ImportPlan<C>> {
  const { signal } = options;
  const read = await readInput(input, {
    format: options.format,
    signal,
    indicatorTypes: target.indicatorTypes,
  });
  const normal = target.normalize(read.rows, options);
  const concurrency = options.lookupConcurrency ?? 4;
  const existing = await target.findExisting(normal.candidates, { signal, concurrency });
  const create: C[] = [];
  const update: PlannedUpdate[] = [];
  const unchanged: PlannedUnchanged[] = [];
  for (const item of normal.candidates) {
    const stored = existing.get(item.key)?.[0];
    if (stored === undefined) {
      create.push(item);
      continue;
    }
    const patch = target.differences(item, stored);
    const found = { line: item.line, key: item.key, id: target.idOf(stored) };
    if (Object.keys(patch).length) update.push({ ...found, patch });
    else unchanged.push(found);
  }
  const rejected = [...read.rejected, ...normal.rejected].sort((a, b) => a.line - b.line);
  const duplicates = normal.duplicates;
  const counts = {
    rows: read.rows.length + read.rejected.length,
    create: create.length,
    update: update.length,
    unchanged: unchanged.length,
    duplicates: duplicates.length,
    rejected: rejected.length,
  };
  const fingerprint = fingerprintOf(normal.candidates.map((c) => c.key));
  const { format } = read;
  return {
    operation: "import",
    dryRun: options.dryRun === true,
    ...{ format, fingerprint, counts, create, update, unchanged, duplicates, rejected },
    warnings: [...read.warnings, ...normal.warnings],
  };
}
