import { createHash } from "node:crypto";
import type { IndicatorOfCompromise } from "../schema/index.js";
import { readInput, type ImportInput } from "./input/read.js";
import { findExisting, type ExistingIocs } from "./lookup.js";
import { normalizeRows, type Candidate, type Duplicate } from "./normalize.js";
import type { BulkSets } from "./sets.js";
import type { InputFormat, Rejection } from "./types.js";

/** Options of {@link importIocs}. */
export interface ImportOptions {
  /** The alert definition of rows that name none: its Id, or the entity. */
  readonly alert?: number | { readonly Id: number };
  /** The input format; default: from the file extension, else the content. */
  readonly format?: InputFormat;
  /** Marks the plan as a dry run: it shows what would happen, and its `apply` refuses to write. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  /** Lookup queries in flight at once. Default: 4. */
  readonly lookupConcurrency?: number;
}

/** An IOC the server holds whose Enabled or ExpiresAt differ from the input: patched by `apply`. */
export interface PlannedUpdate {
  readonly line: number;
  readonly key: string;
  readonly id: number;
  readonly patch: Readonly<Record<string, unknown>>;
}

/** An IOC the server already holds as the input describes it. */
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

/** What an import would do, row by row; nothing has been written yet. */
export interface ImportPlan {
  readonly operation: "import";
  readonly dryRun: boolean;
  readonly format: InputFormat;
  /** Identifies the input, so a journal is only ever resumed by the same import. */
  readonly fingerprint: string;
  readonly counts: ImportCounts;
  readonly create: readonly Candidate[];
  readonly update: readonly PlannedUpdate[];
  readonly unchanged: readonly PlannedUnchanged[];
  readonly duplicates: readonly Duplicate[];
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly string[];
}

/**
 * Reads, validates and de-duplicates an input, then asks the server which IOCs already exist, and returns the
 * plan without writing anything. Defaults: DetectionFunction Equals, Enabled true; lookups 4 at a time.
 * @example const plan = await importIocs(session, "feed.csv", { alert: 1, dryRun: true }); plan.counts
 */
export async function planImport(
  sets: BulkSets,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportPlan> {
  const { signal } = options;
  const alertId = typeof options.alert === "object" ? options.alert.Id : options.alert;
  const read = await readInput(input, { format: options.format, signal });
  const normal = normalizeRows(read.rows, { alertId });
  const existing = await findExisting(sets.iocs, normal.candidates, {
    signal,
    concurrency: options.lookupConcurrency ?? 4,
  });
  const { create, update, unchanged } = sortCandidates(normal.candidates, existing);
  const rejected = [...read.rejected, ...normal.rejected].sort((a, b) => a.line - b.line);
  const counts = {
    rows: read.rows.length + read.rejected.length,
    create: create.length,
    update: update.length,
    unchanged: unchanged.length,
    duplicates: normal.duplicates.length,
    rejected: rejected.length,
  };
  const fingerprint = fingerprintOf(normal.candidates.map((c) => c.key));
  const warnings = [...read.warnings, ...normal.warnings];
  const common = {
    operation: "import" as const,
    dryRun: options.dryRun === true,
    format: read.format,
    fingerprint,
  };
  return { ...common, counts, create, update, unchanged, duplicates: normal.duplicates, rejected, warnings };
}

function sortCandidates(
  candidates: readonly Candidate[],
  existing: ExistingIocs,
): { create: Candidate[]; update: PlannedUpdate[]; unchanged: PlannedUnchanged[] } {
  const parts = {
    create: [] as Candidate[],
    update: [] as PlannedUpdate[],
    unchanged: [] as PlannedUnchanged[],
  };
  for (const candidate of candidates) {
    const stored = existing.get(candidate.key)?.[0];
    if (!stored) {
      parts.create.push(candidate);
      continue;
    }
    const patch = differences(candidate, stored);
    const base = { line: candidate.line, key: candidate.key, id: stored.Id };
    if (Object.keys(patch).length) parts.update.push({ ...base, patch });
    else parts.unchanged.push(base);
  }
  return parts;
}

// Only the fields the row stated are compared: a file without an Enabled column must not re-enable IOCs.
function differences(candidate: Candidate, stored: IndicatorOfCompromise): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const { Enabled, ExpiresAt } = candidate.given;
  if (Enabled !== undefined && Enabled !== stored.Enabled) patch["Enabled"] = Enabled;
  if (ExpiresAt !== undefined && !sameInstant(ExpiresAt, stored.ExpiresAt)) patch["ExpiresAt"] = ExpiresAt;
  return patch;
}

function sameInstant(a: string | null, b: string | null | undefined): boolean {
  if (a === null || b === null || b === undefined) return a === (b ?? null);
  return Date.parse(a) === Date.parse(b);
}

/**
 * A stable digest of a set of keys (order does not matter).
 * @example fingerprintOf(["b", "a"]) === fingerprintOf(["a", "b"]) // true
 */
export function fingerprintOf(keys: readonly string[]): string {
  return createHash("sha256")
    .update([...keys].sort().join("\n"))
    .digest("hex")
    .slice(0, 32);
}
