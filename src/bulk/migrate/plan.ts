import { LIST_TOP_MAX } from "../../schema/index.js";
import { applicable } from "../apply.js";
import type { IndicatorImportPlan } from "../import/indicators.js";
import type { BulkResult } from "../result.js";
import { signalOption } from "../sets.js";
import { storedKey } from "../targets/indicators.js";
import type { MigrateSettings } from "./options.js";
import type { SourcePairs } from "./pairs.js";
import type { MigrationCheck, MigrationPair, MigrationPlan, NotMigrated } from "./types.js";

/**
 * The migration's plan from the import's: every line the import numbered (the n-th mapped indicator) renumbered as
 * its pair's, the pairs not migrated among the rejects, `apply` the import's (its result renumbered too) and
 * `verify` listing the target.
 * @example migrationPlan(plan, mapped, notMigrated, { pairs, rows, duplicates }, settings)
 */
export function migrationPlan(
  plan: IndicatorImportPlan,
  mapped: readonly MigrationPair[],
  notMigrated: readonly NotMigrated[],
  source: Source,
  settings: MigrateSettings,
): MigrationPlan {
  const lineOf = (line: number): number => mapped[line - 1]?.line ?? line;
  const data = renumbered(plan, lineOf, mapped, notMigrated, source);
  const planned = [...data.create, ...data.update, ...data.unchanged];
  Object.defineProperty(data, "verify", {
    value: (signal?: AbortSignal) => verify(settings, planned, signal ?? settings.signal),
    enumerable: false,
  });
  const withApply = applicable(data, async (options) => {
    const result = await plan.apply(options);
    return result && relinedResult(result, lineOf, data.rejected);
  });
  return withApply as typeof withApply & Pick<MigrationPlan, "verify">;
}

type Source = Pick<SourcePairs, "rows" | "duplicates"> & { readonly pairs: readonly MigrationPair[] };

// The import plan's data with the source's lines, counts and rejects (the pairs not migrated among them).
function renumbered(
  plan: IndicatorImportPlan,
  lineOf: (line: number) => number,
  mapped: readonly MigrationPair[],
  notMigrated: readonly NotMigrated[],
  source: Source,
) {
  const relined = <T extends { readonly line: number }>(items: readonly T[]): T[] =>
    items.map((item) => ({ ...item, line: lineOf(item.line) }));
  const refused = plan.rejected.map((r) => ({ ...r, line: lineOf(r.line), pair: mapped[r.line - 1] }));
  const rejected = [...notMigrated, ...refused].sort((a, b) => a.line - b.line);
  const repeated = plan.duplicates.map((d) => ({ ...d, duplicateOf: lineOf(d.duplicateOf) }));
  // A file's rows repeating an IOC of the same definition, then pairs naming one indicator twice.
  const duplicates = [...source.duplicates, ...relined(repeated)].sort((a, b) => a.line - b.line);
  const counts = {
    ...plan.counts,
    rows: source.rows,
    duplicates: duplicates.length,
    rejected: rejected.length,
  };
  return {
    ...plan,
    counts,
    ...{ create: relined(plan.create), update: relined(plan.update), unchanged: relined(plan.unchanged) },
    ...{ duplicates, rejected, migration: { pairs: source.pairs, notMigrated: rejected } },
  };
}

function relinedResult(
  result: BulkResult,
  lineOf: (line: number) => number,
  rejected: readonly NotMigrated[],
): BulkResult {
  const failures = result.failures.map((f) => (f.line === undefined ? f : { ...f, line: lineOf(f.line) }));
  return { ...result, failures, rejected: rejected.length, rejections: rejected };
}

async function verify(
  settings: MigrateSettings,
  planned: readonly { readonly line: number; readonly key: string }[],
  signal: AbortSignal | undefined,
): Promise<MigrationCheck> {
  const stored = await settings.to.list({ pageSize: LIST_TOP_MAX, ...signalOption(signal) }).toArray();
  const byKey = new Map(stored.map((indicator) => [storedKey(indicator), indicator]));
  const landed = planned.flatMap((p) => byKey.get(p.key) ?? []);
  const missing = planned.filter((p) => !byKey.has(p.key)).map(({ line, key }) => ({ line, key }));
  return { landed, missing };
}
