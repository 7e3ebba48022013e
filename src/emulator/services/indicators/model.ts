import { INDICATOR_FIELDS, type IndicatorAccess } from "../../../schema/index.js";
import type { Service } from "../../service.js";
import type { Change, Entity } from "../../store/store.js";

/** The store's set of indicators. */
export const SET = "Indicators";

/** Who writes and when. */
export interface Writer {
  readonly appId: string;
  readonly at: string;
}

/**
 * The stored indicator for a validated body: wire fields in `INDICATOR_FIELDS` order (the numeric `Id` stands for
 * `id`), missing optional ones null. An update keeps the creation stamp and `application` (D2: application applies
 * to new indicators only) and sets the update stamp.
 * @example buildIndicator(body, 7, undefined, { appId, at })
 */
export function buildIndicator(
  body: Readonly<Record<string, unknown>>,
  id: number,
  existing: Entity | undefined,
  writer: Writer,
): Entity {
  const server: Record<string, unknown> = existing
    ? {
        application: existing["application"],
        createdBySource: existing["createdBySource"],
        sourceType: existing["sourceType"],
        createdBy: existing["createdBy"],
        createdByDisplayName: existing["createdByDisplayName"],
        creationTimeDateTimeUtc: existing["creationTimeDateTimeUtc"],
        lastUpdatedBy: writer.appId,
      }
    : {
        createdBySource: writer.appId,
        sourceType: "AadApp",
        createdBy: writer.appId,
        createdByDisplayName: writer.appId,
        creationTimeDateTimeUtc: writer.at,
        lastUpdatedBy: null,
      };
  const fields: Record<string, unknown> = { ...body, ...server, lastUpdateTime: writer.at };
  const entity: Record<string, unknown> = { Id: id };
  for (const fact of INDICATOR_FIELDS) {
    if (fact.name !== "id") entity[fact.name] = fields[fact.name] ?? null;
  }
  return entity as Entity;
}

/**
 * The wire form of a stored indicator: `id` as a numeric string first, then the fields.
 * @example indicatorJson(entity).id // "7"
 */
export function indicatorJson(entity: Entity): Record<string, unknown> {
  const { Id, ...fields } = entity;
  return { id: String(Id), ...fields };
}

/**
 * True when the caller may see (list, delete) the indicator: every one with a `.All` role, else its own.
 * @example visibleTo(access, appId)(entity)
 */
export function visibleTo(access: IndicatorAccess, appId: string): (entity: Entity) => boolean {
  return access.read === "all" ? () => true : (entity) => entity["createdBy"] === appId;
}

// Per store: its version at the last sweep and the earliest expiry left then. Until the store changes, nothing
// expires before that time, so a request need not scan every indicator (a page of a 15,000-indicator list did).
const swept = new WeakMap<Service["store"], { readonly version: number; readonly nextExpiryMs: number }>();

/**
 * Deletes every indicator whose expirationTime has passed (to the second, docs issue #7245), in one commit, so
 * that it is neither listed nor counted against the cap. Scans only when the store changed since the last sweep
 * or the earliest expiry it saw has come.
 * @example sweepExpired(service)
 */
export function sweepExpired(service: Service): void {
  const now = service.now();
  const { store } = service;
  const last = swept.get(store);
  if (last && last.version === store.version && now < last.nextExpiryMs) return;
  const changes: Change[] = [];
  let nextExpiryMs = Infinity;
  for (const entity of store.all(SET)) {
    const expires = entity["expirationTime"];
    if (typeof expires !== "string") continue;
    const at = Date.parse(expires);
    if (at <= now) changes.push({ op: "delete", set: SET, id: entity.Id });
    else if (at < nextExpiryMs) nextExpiryMs = at;
  }
  store.commit(changes);
  swept.set(store, { version: store.version, nextExpiryMs });
}
