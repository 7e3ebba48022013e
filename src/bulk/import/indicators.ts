import type { Indicators } from "../../api/index.js";
import { IMPORT_BATCH_MAX, type Indicator } from "../../schema/index.js";
import { applicable, applyWork, type Applicable, type Work } from "../apply.js";
import { estimateText } from "../estimate.js";
import type { ImportInput } from "../input/read.js";
import { newMemory } from "../memory.js";
import type { BulkSets } from "../sets.js";
import type { IndicatorDefaults, IndicatorItem } from "../targets/indicator-rows.js";
import { indicatorTarget, indicatorWriter, upsertBody } from "../targets/indicators.js";
import { planImport, type ImportOptions, type ImportPlan } from "./plan.js";

/** Options of an indicator import: the defaults of rows that leave a property out, and the plan's options. */
export interface IndicatorBulkImportOptions extends IndicatorDefaults, Omit<ImportOptions, "alert"> {}

/** An indicator import plan: its calls at the documented limits, and `apply`. */
export interface IndicatorImportPlan extends ImportPlan<IndicatorItem>, Applicable {
  /** Import calls `apply` makes (creates and updates alike, 500 per call: the service upserts). */
  readonly calls: { readonly import: number };
  /** How long that takes at the documented limits, against one submit per indicator. */
  readonly estimate: string;
}

/** The sets an indicator bulk edit plans on: the session's indicators, its 429 clock and its applier. */
export type IndicatorSets = { readonly indicators: Indicators } & Pick<
  BulkSets,
  "waitedMs" | "applier" | "rateBudget"
>;

const PLAN_OPTIONS = new Set(["format", "dryRun", "signal", "lookupConcurrency"]);

/**
 * Plans an import of indicators from a file path, text or objects (CSV, the portal's indicator CSV, JSON, plain
 * text, STIX 2.1): rows validated by Part 5 over `options`' defaults (`action`, `title`, ...), in-file duplicates
 * collapsed, what exists found by listing (pages of 10,000). `apply` upserts creates and updates alike through
 * `/api/indicators/import`, 500 per call, each refused item reported with its row. A session's
 * `indicators.import(input, options)`.
 * @example const plan = await importIndicators(session, "feed.txt", { action: "Block", title: "Feed", description: "From the feed" })
 */
export async function importIndicators(
  sets: IndicatorSets,
  input: ImportInput,
  options: IndicatorBulkImportOptions = {},
): Promise<IndicatorImportPlan> {
  const defaults = Object.fromEntries(Object.entries(options).filter(([k]) => !PLAN_OPTIONS.has(k)));
  const target = indicatorTarget(sets.indicators);
  // Planning's lookups, kept to write each update as the whole indicator with the row's changes.
  const stored = new Map<string, Indicator>();
  const planning: typeof target = {
    ...target,
    // planImport hands normalize its own options too: the rows get the defaults alone.
    normalize: (rows) => target.normalize(rows, defaults),
    findExisting: async (...args: Parameters<typeof target.findExisting>) => {
      const found = await target.findExisting(...args);
      for (const [key, [first]] of found) if (first) stored.set(key, first);
      return found;
    },
  };
  const plan = await planImport(planning, input, { ...options, ...defaults });
  const updates = plan.update.map((u): IndicatorItem => {
    const found = stored.get(u.key) as Indicator;
    return { line: u.line, key: u.key, body: upsertBody(found, u.patch), given: u.patch, outcome: "updated" };
  });
  const items = [...plan.create, ...updates];
  const calls = Math.ceil(items.length / IMPORT_BATCH_MAX);
  const work: Work<IndicatorItem> = {
    operation: "import",
    fingerprint: plan.fingerprint,
    creates: { target: indicatorWriter(sets.indicators), items },
    writes: [],
    present: plan.unchanged,
    rejections: plan.rejected,
    duplicates: plan.duplicates.length,
  };
  const data = {
    ...plan,
    calls: { import: calls },
    estimate: estimateText(items.length, calls, "import", "indicators"),
  };
  const context = { plan: data, what: "Importing indicators", memory: newMemory(), sets };
  return applicable(data, (applyOptions = {}) => applyWork(work, applyOptions, context));
}
