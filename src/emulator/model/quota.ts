import type { Settings } from "../options.js";
import { quotaExceeded } from "../protocol/errors.js";
import type { Entity, Store } from "../store/store.js";

/**
 * Throws 507 InsufficientStorage when adding these new entities would pass the total quota or the quota of IOCs
 * whose DetectionFunction is not Equals (a bulk upload is checked as a whole).
 * @example checkQuota(store, settings, [newIoc])
 */
export function checkQuota(store: Store, settings: Settings, added: readonly Entity[]): void {
  const total = store.count("AlertDefinitions") + store.count("IndicatorsOfCompromise") + added.length;
  if (total > settings.quotaTotal) {
    throw quotaExceeded(
      `Quota exceeded: at most ${settings.quotaTotal} alert definitions and IOCs in all; this request would make ${total}`,
    );
  }
  checkNonEquals(store, settings, nonEquals(added));
}

/**
 * Throws 507 when a PATCH turns an Equals IOC into a partial-match one while that quota is full.
 * @example checkPatchQuota(store, settings, before, after)
 */
export function checkPatchQuota(store: Store, settings: Settings, before: Entity, after: Entity): void {
  checkNonEquals(store, settings, nonEquals([after]) - nonEquals([before]));
}

function checkNonEquals(store: Store, settings: Settings, delta: number): void {
  if (delta <= 0) return;
  const count = nonEquals(store.all("IndicatorsOfCompromise")) + delta;
  if (count > settings.quotaNonEquals) {
    throw quotaExceeded(
      `Quota exceeded: at most ${settings.quotaNonEquals} IOCs whose DetectionFunction is not Equals; this request would make ${count}`,
    );
  }
}

function nonEquals(entities: Iterable<Entity>): number {
  let n = 0;
  for (const e of entities) {
    if (typeof e["DetectionFunction"] === "string" && e["DetectionFunction"] !== "Equals") n++;
  }
  return n;
}
