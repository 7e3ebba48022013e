import { where, type Filter, type HttpResponse } from "../http/index.js";
import { IOC_BIND_PROPERTY, parseAlertDefinitionRef, type EntitySetName } from "../schema/index.js";
import { call, entityUrl, fetchPage, unwrapEntity, type ApiContext } from "./context.js";

/**
 * How far back (by our clock) a found entity may have been created and still count as ours: the service's clock
 * may differ from ours. An identical entity created by someone within this window would be mistaken for ours.
 */
const CLOCK_SKEW_MS = 60_000;

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
 * A read-back for a create whose outcome is unknown: the newest entity matching the body's identifying fields,
 * created since `sentAtMs` (less the skew allowance), as a 201 response; undefined when nothing landed.
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
      { filter, orderBy: "Id desc", top: 1 },
      undefined,
      signal,
    );
    const newest = page[0];
    const createdAt = Date.parse(String(newest?.["CreatedAt"]));
    if (!newest || !(createdAt >= sentAtMs - CLOCK_SKEW_MS)) return undefined;
    return { status: 201, headers: {}, data: newest };
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
    const landed = Object.entries(body).every(([key, value]) =>
      key === IOC_BIND_PROPERTY
        ? parseAlertDefinitionRef(value) === entity["AlertDefinitionId"]
        : JSON.stringify(entity[key]) === JSON.stringify(value),
    );
    return landed ? { status: 200, headers: {}, data: entity } : undefined;
  };
}
