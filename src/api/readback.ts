import { where, type Filter, type HttpResponse } from "../http/index.js";
import {
  FIELDS_BY_SET,
  IOC_BIND_PROPERTY,
  parseAlertDefinitionRef,
  type EntitySetName,
} from "../schema/index.js";
import { CLOCK_SKEW_MS } from "./claims.js";
import { call, claim, entityUrl, fetchPage, unwrapEntity, type ApiContext } from "./context.js";

// CLOCK_SKEW_MS: how much earlier than the call began (by our clock) the service may stamp an entity's `CreatedAt`
// and it still count as made by this call. On loopback the emulator shares our clock (skew ~0); a real tenant's
// clock is NTP-synced like ours, so a few seconds cover it. Kept small because anything inside it that equals the
// sent body in every field and is unclaimed could be mistaken for ours. Claims outlive it by no more (claims.ts).

/** How many of the newest matching entities a read-back looks through for an unclaimed, equal one. */
const CANDIDATES = 50;

/** The fields that identify what a create made (the service accepts duplicates, so none is a true key). */
function identifyingFilter(set: EntitySetName, body: Record<string, unknown>): Filter | undefined {
  if (set === "IndicatorsOfCompromise") {
    const alertId = parseAlertDefinitionRef(body[IOC_BIND_PROPERTY]);
    if (alertId === undefined) return undefined;
    return where.and(
      where.eq("Type", String(body["Type"])),
      where.eq("Value", String(body["Value"])),
      where.eq("DetectionFunction", String(body["DetectionFunction"])),
      where.eq("AlertDefinitionId", alertId),
    );
  }
  return where.and(
    where.eq("Name", String(body["Name"])),
    where.eq("Title", String(body["Title"])),
    where.eq("Severity", String(body["Severity"])),
    where.eq("Category", String(body["Category"])),
  );
}

/**
 * A read-back for a create whose outcome is unknown: the newest entity equal to the sent body in every sent field,
 * created since `sentAtMs` (less a small skew allowance) and not claimed by another call of this session, as a 201
 * response (and now claimed); undefined when nothing of ours landed, so the create is re-sent.
 * @example request.readBack = createdReadBack(ctx, "IndicatorsOfCompromise", body, clock.now())
 */
export function createdReadBack(
  ctx: ApiContext,
  set: EntitySetName,
  body: Record<string, unknown>,
  sentAtMs: number,
) {
  return async (signal: AbortSignal | undefined): Promise<HttpResponse | undefined> => {
    const filter = identifyingFilter(set, body);
    if (!filter) return undefined;
    const page = await fetchPage<Record<string, unknown>>(
      ctx,
      entityUrl(ctx, set),
      { filter, orderBy: "Id desc", top: CANDIDATES },
      undefined,
      signal,
    );
    const ours = page.find(
      (entity) =>
        Date.parse(String(entity["CreatedAt"])) >= sentAtMs - CLOCK_SKEW_MS &&
        !ctx.claimed.has(set, entity["Id"]) &&
        holdsSentFields(set, body, entity),
    );
    if (!ours) return undefined;
    claim(ctx, set, ours);
    return { status: 201, headers: {}, data: ours };
  };
}

/**
 * A read-back for a PATCH whose outcome is unknown: the entity as a 200 response when every patched field already
 * has the sent value (so re-sending is unnecessary), else undefined.
 * @example request.readBack = patchedReadBack(ctx, "AlertDefinitions", 2, { Enabled: false })
 */
export function patchedReadBack(
  ctx: ApiContext,
  set: EntitySetName,
  id: number,
  body: Record<string, unknown>,
) {
  return async (signal: AbortSignal | undefined): Promise<HttpResponse | undefined> => {
    const { data } = await call(ctx, { method: "GET", url: entityUrl(ctx, set, id), signal });
    const entity = unwrapEntity<Record<string, unknown>>(data ?? {});
    return holdsSentFields(set, body, entity) ? { status: 200, headers: {}, data: entity } : undefined;
  };
}

/**
 * True when the stored entity has every field of the (validated, so normalised) body as the service stores it: the
 * bind as `AlertDefinitionId`, dates as instants (the service may write `.000Z` or an offset), null as absent.
 */
function holdsSentFields(
  set: EntitySetName,
  body: Record<string, unknown>,
  entity: Record<string, unknown>,
): boolean {
  return Object.entries(body).every(([key, sent]) => {
    if (key === IOC_BIND_PROPERTY) return parseAlertDefinitionRef(sent) === entity["AlertDefinitionId"];
    const stored = entity[key];
    if (sent === null || sent === undefined) return stored === null || stored === undefined;
    if (typeof sent === "string" && DATE_FIELDS[set].has(key) && typeof stored === "string")
      return Date.parse(sent) === Date.parse(stored);
    return stored === sent;
  });
}

const DATE_FIELDS: Readonly<Record<EntitySetName, ReadonlySet<string>>> = {
  AlertDefinitions: dateFields("AlertDefinitions"),
  IndicatorsOfCompromise: dateFields("IndicatorsOfCompromise"),
};

function dateFields(set: EntitySetName): ReadonlySet<string> {
  return new Set(FIELDS_BY_SET[set].filter((f) => f.edmType === "Edm.DateTimeOffset").map((f) => f.name));
}
