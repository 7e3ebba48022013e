import { readFileSync } from "node:fs";
import { describeViolation, validateIndicator } from "../../../schema/index.js";
import { ODataFailure } from "../../protocol/errors.js";
import { demoIndicators } from "../../seed/demo-indicators.js";
import { indicatorsSample } from "../../seed/indicators-sample.js";
import type { Service } from "../../service.js";
import { SET } from "./model.js";
import { UpsertBatch } from "./upsert.js";

/** Indicator submit bodies to seed, made for a clock (the sample's expiries are relative to it). */
export type IndicatorSeed = (nowMs: number) => readonly unknown[];

/**
 * The indicators a `--seed` brings: the built-in sets for `"sample"` and `"demo"`, else a seed file's `indicators` list (none
 * when it has none). Every item is checked now, so a bad file stops the start naming the item.
 * @example loadIndicatorSeed("sample", Date.now())?.(Date.now()).length // 10
 */
export function loadIndicatorSeed(source: string, nowMs: number): IndicatorSeed | undefined {
  if (source === "sample") return indicatorsSample;
  if (source === "demo") return demoIndicators;
  const parsed = JSON.parse(readFileSync(source, "utf8")) as Record<string, unknown> | null;
  const list = parsed?.["indicators"];
  if (list === undefined) return undefined;
  if (!Array.isArray(list))
    throw new Error(`seed file ${source}: "indicators" must be a list of indicator bodies`);
  list.forEach((item, i) => {
    const { errors } = validateIndicator(item, { nowMs });
    if (errors.length > 0)
      throw new Error(`seed is invalid: indicators[${i}]: ${errors.map(describeViolation).join("; ")}`);
  });
  return () => list;
}

/**
 * Stores the seed's indicators through the same upsert as the API, as created by the emulator's own client (so
 * that the demo app, with Ti.ReadWrite, sees them); only into an empty set, so a restart with `--state` does not
 * seed twice.
 * @example seedIndicators(service, indicatorsSample)
 */
export function seedIndicators(service: Service, seed: IndicatorSeed | undefined): void {
  if (!seed || service.store.count(SET) > 0) return;
  const now = service.now();
  const access = { read: "all", write: true, writeAll: true } as const;
  const batch = new UpsertBatch(service, access, {
    appId: service.settings.clientId,
    at: new Date(now).toISOString(),
  });
  seed(now).forEach((item, i) => {
    try {
      batch.upsert(item);
    } catch (error) {
      throw error instanceof ODataFailure
        ? new Error(`seed is invalid: indicators[${i}]: ${error.message}`)
        : error;
    }
  });
  batch.commit();
}
