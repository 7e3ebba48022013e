import { readFileSync } from "node:fs";
import { buildNew, type Author } from "../model/build.js";
import { ODataFailure } from "../protocol/errors.js";
import { IOC_BIND_PROPERTY } from "../../schema/index.js";
import { MemoryStore } from "../store/memory.js";
import type { Change, Store } from "../store/store.js";
import { demoSeed } from "./demo.js";
import { SAMPLE_SEED } from "./sample.js";

/**
 * Seed data: alert definitions (create bodies) each with the create bodies of its IOCs (without the bind, which
 * the nesting implies). This is also the format of a `--seed` file. An item may carry `CreatedAt` (ISO 8601, not
 * after the clock): a seed-only field that back-dates the entity, so a seed can hold months of history.
 */
export interface Seed {
  readonly alertDefinitions: ReadonlyArray<
    Readonly<Record<string, unknown>> & { readonly iocs?: readonly unknown[] }
  >;
}

/**
 * Reads a seed: `"sample"` and `"demo"` are the built-in sets, anything else a JSON file path. Throws with the file and
 * the reason when it cannot be used; `nowMs` is the emulator's clock, for the trial run that validates it.
 * @example loadSeed("sample", Date.now()).alertDefinitions.length // 3
 */
export function loadSeed(source: string, nowMs: number): Seed {
  if (source === "sample") return SAMPLE_SEED;
  if (source === "demo") return demoSeed(nowMs);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(source, "utf8"));
  } catch (error) {
    throw new Error(`seed file ${source} cannot be read as JSON: ${(error as Error).message}`);
  }
  const list = (parsed as Record<string, unknown> | null)?.["alertDefinitions"];
  if (!Array.isArray(list) || !list.every((d) => typeof d === "object" && d !== null && !Array.isArray(d))) {
    throw new Error(
      `seed file ${source} must be {"alertDefinitions": [{...definition, "iocs": [{...ioc}]}]}`,
    );
  }
  const seed = { alertDefinitions: list as Seed["alertDefinitions"] };
  applySeed(new MemoryStore(), seed, nowMs);
  return seed;
}

/**
 * Stores the seed through the same validation as the API; an invalid item throws naming it. {@link loadSeed}
 * has already applied it to a scratch store, so on a real store it cannot fail half-way.
 * @example applySeed(store, loadSeed("sample", Date.now()), Date.now())
 */
export function applySeed(store: Store, seed: Seed, nowMs: number): void {
  const author = { by: "seed", at: new Date(nowMs).toISOString() };
  try {
    seed.alertDefinitions.forEach(({ iocs = [], ...item }, i) => {
      const id = store.allocateIds("AlertDefinitions", 1);
      const [body, by] = backDated(item, author, nowMs, `alertDefinitions[${i}]`);
      const definition = buildNew(store, "AlertDefinitions", body, id, by, `alertDefinitions[${i}]: `);
      store.commit([{ op: "put", set: "AlertDefinitions", entity: definition }]);
      const changes = iocs.map((ioc, j): Change => {
        const [fields, iocBy] = backDated(ioc, author, nowMs, `alertDefinitions[${i}].iocs[${j}]`);
        const input = { ...fields, [IOC_BIND_PROPERTY]: `AlertDefinitions(${definition.Id})` };
        const iocId = store.allocateIds("IndicatorsOfCompromise", 1);
        const prefix = `alertDefinitions[${i}].iocs[${j}]: `;
        return {
          op: "put",
          set: "IndicatorsOfCompromise",
          entity: buildNew(store, "IndicatorsOfCompromise", input, iocId, iocBy, prefix),
        };
      });
      store.commit(changes);
    });
  } catch (error) {
    throw error instanceof ODataFailure ? new Error(`seed is invalid: ${error.message}`) : error;
  }
}

/** Splits a seed item's `CreatedAt` off its body: the author's time when given, checked, else the seed's. */
function backDated(item: unknown, author: Author, nowMs: number, where: string): [object, Author] {
  if (typeof item !== "object" || item === null || !("CreatedAt" in item)) return [item as object, author];
  const { CreatedAt, ...body } = item as Record<string, unknown>;
  const ms = typeof CreatedAt === "string" ? Date.parse(CreatedAt) : NaN;
  if (!Number.isFinite(ms) || ms > nowMs) {
    throw new Error(
      `seed is invalid: ${where}: CreatedAt ${JSON.stringify(CreatedAt)} must be an ISO 8601 date not after now`,
    );
  }
  return [body, { ...author, at: new Date(ms).toISOString() }];
}
