import { importIndicators } from "../import/indicators.js";
import { signalOption } from "../sets.js";
import { rejection } from "../types.js";
import { mapPair } from "./map.js";
import { normalizeMigrateOptions } from "./options.js";
import { readPairs } from "./pairs.js";
import { migrationPlan } from "./plan.js";
import type { MigrateOptions, MigrationPair, MigrationPlan, MigrationSource, NotMigrated } from "./types.js";

/**
 * Plans carrying custom TI into the Indicators API (reference Part 3): each (alert definition, IOC) pair of
 * `source` (a custom-TI session, or an `iocs.export(path, { definitions: true })` file) becomes one indicator
 * with the definition's title, description, recommended actions and severity, the IOC's successor type, value and
 * expiry, and `options.action` (default Audit) and `generateAlert` (default true); a pair with no equivalent
 * (StartWith/EndWith/Contains, disabled unless `includeDisabled`, expired) is reported with its reason. The
 * rest is an indicator import: dry run, `apply({ confirm: true })` with journal, resume and report (upserts by
 * value, type and action, so migrating twice creates nothing), then `verify()` lists what landed.
 * @example const plan = await migrate(session, { to: indicatorsSession.indicators }); await plan.apply({ confirm: true })
 */
export async function migrate(source: MigrationSource, options: MigrateOptions): Promise<MigrationPlan> {
  const settings = normalizeMigrateOptions(source, options);
  const read = await readPairs(source, settings.signal);
  const nowMs = Date.now();
  const mapped: MigrationPair[] = [];
  const indicators: Record<string, unknown>[] = [];
  const notMigrated: NotMigrated[] = [...read.rejected];
  for (const pair of read.pairs) {
    const result = mapPair(pair, settings, nowMs);
    if ("violation" in result)
      notMigrated.push({ ...rejection(pair.pair.line, [result.violation]), pair: pair.pair });
    else {
      mapped.push(pair.pair);
      indicators.push(result.indicator);
    }
  }
  const sets = { indicators: settings.to };
  const plan = await importIndicators(sets, indicators, {
    dryRun: settings.dryRun,
    ...signalOption(settings.signal),
  });
  const pairs = read.pairs.map((p) => p.pair);
  const { rows, duplicates } = read;
  return migrationPlan(plan, mapped, notMigrated, { pairs, rows, duplicates }, settings);
}
