import type { Indicators } from "../../api/index.js";
import {
  IMPORT_BATCH_MAX,
  INDICATOR_FIELDS,
  INDICATOR_TYPES,
  LIST_TOP_MAX,
  indicatorKey,
  normalizeIndicatorValue,
  type Indicator,
  type IndicatorInput,
  type IndicatorType,
} from "../../schema/index.js";
import { signalOption } from "../sets.js";
import { normalizeIndicatorRows, type IndicatorDefaults, type IndicatorItem } from "./indicator-rows.js";
import type { BatchWriter, CreateOutcome, Target } from "./target.js";

/** The Indicators API's set as the bulk engine drives it; the import's options are the rows' defaults. */
export type IndicatorTarget = Target<IndicatorItem, Indicator, IndicatorDefaults>;

// Never compared or re-sent: the key (value, type, action) and the id that names the indicator.
const KEY_FIELDS = new Set(["indicatorValue", "indicatorType", "action", "id"]);
const WRITABLE = INDICATOR_FIELDS.filter((f) => !f.readOnly && f.name !== "id").map((f) => f.name);

/**
 * The Indicators API's indicators as a bulk target: keyed by value, type and action (Part 5's upsert key);
 * written through `/api/indicators/import`, 500 per call, each item answered on its own (`isFailed`,
 * `failureReason`); what exists found by listing every visible indicator in pages of 10,000 (the tenant holds at
 * most 15,000, so two calls at most, instead of one lookup per value). An upsert re-sent after a lost answer
 * updates what landed, so unanswered items are simply sent again.
 * @example const plan = await importInto(indicatorTarget(session.indicators), session, "feed.csv", { action: "Block", what: "Importing indicators" })
 */
export function indicatorTarget(indicators: Indicators, nowMs: () => number = Date.now): IndicatorTarget {
  return {
    ...indicatorWriter(indicators),
    indicatorTypes: true, // a feed's URLs and certificates are indicators here
    normalize: (rows, defaults) => normalizeIndicatorRows(rows, defaults, nowMs()),
    findExisting: (items, options) => findExisting(indicators, items, options.signal),
    idOf: (stored) => Number(stored.id),
    differences,
    update: (id, patch, signal) =>
      indicators.submit({ ...(patch as unknown as IndicatorInput), id: String(id) }, signalOption(signal)),
  };
}

/**
 * Upserts indicators through `/api/indicators/import`, 500 per call, each item answered on its own: the create
 * step of an indicator import and of `updateWhere` (whose items carry the indicator's `id`).
 * @example await createItems(indicatorWriter(session.indicators), run, items)
 */
export function indicatorWriter(indicators: Indicators): BatchWriter<IndicatorItem> {
  const createBatch = async (
    items: readonly IndicatorItem[],
    signal: AbortSignal | undefined,
  ): Promise<CreateOutcome[]> => {
    const bodies = items.map((item) => item.body as unknown as IndicatorInput);
    const results = await indicators.import(bodies, signalOption(signal));
    // The reply lists the items in request order (D3).
    return items.map((item, i): CreateOutcome => {
      const result = results[i];
      if (result === undefined)
        return { key: item.key, error: new Error("The import reply left this item out") };
      if (result.isFailed)
        return { key: item.key, error: new Error(result.failureReason ?? "Refused by the service") };
      return { key: item.key, id: result.id === null ? undefined : Number(result.id) };
    });
  };
  return {
    batchSize: { default: IMPORT_BATCH_MAX, max: IMPORT_BATCH_MAX },
    batchResults: "per-item",
    resendUnanswered: true,
    createBatch,
    createOne: async (item, signal) => (await createBatch([item], signal))[0] as CreateOutcome,
  };
}

/**
 * The body that rewrites a stored indicator with `given` over its writable properties, naming it by `id` (so
 * that a change of action updates it instead of adding another).
 * @example upsertBody(stored, { severity: "High" })
 */
export function upsertBody(
  stored: Indicator,
  given: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const record = stored as unknown as Record<string, unknown>;
  const kept = WRITABLE.filter((name) => record[name] !== undefined && record[name] !== null);
  return { ...Object.fromEntries(kept.map((name) => [name, record[name]])), ...given, id: stored.id };
}

async function findExisting(
  indicators: Indicators,
  items: readonly IndicatorItem[],
  signal: AbortSignal | undefined,
): Promise<Map<string, Indicator[]>> {
  const wanted = new Set(items.map((i) => i.key));
  const found = new Map<string, Indicator[]>();
  if (wanted.size === 0) return found;
  await indicators.list({ pageSize: LIST_TOP_MAX, ...signalOption(signal) }).forEach((stored) => {
    const key = storedKey(stored);
    if (wanted.has(key)) found.set(key, [...(found.get(key) ?? []), stored]);
  });
  return found;
}

/**
 * A stored indicator's key, its value normalised as an input's is (the service may keep another spelling).
 * @example storedKey(stored) // "DomainName|bad.example|Block"
 */
export function storedKey(stored: Indicator): string {
  const type = stored.indicatorType as IndicatorType;
  const value = INDICATOR_TYPES.includes(type)
    ? normalizeIndicatorValue(type, stored.indicatorValue)
    : stored.indicatorValue;
  return indicatorKey({ ...stored, indicatorValue: value });
}

// Only what the row (or the defaults) stated is compared: a file without a Severity column changes no severity.
function differences(item: IndicatorItem, stored: Indicator): Record<string, unknown> {
  const record = stored as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item.given)) {
    if (KEY_FIELDS.has(name) || same(name, value, record[name])) continue;
    patch[name] = value;
  }
  return patch;
}

function same(name: string, a: unknown, b: unknown): boolean {
  if (name === "expirationTime" && typeof a === "string" && typeof b === "string")
    return Date.parse(a) === Date.parse(b);
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
