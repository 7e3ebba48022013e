import type { IncomingMessage } from "node:http";
import { indicatorAccess, INDICATORS_RESOURCES } from "../../../schema/index.js";
import { checkBearer } from "../../auth/bearer.js";
import type { ApiReply } from "../../handlers/types.js";
import { maxPageSize } from "../../protocol/api.js";
import { ODataFailure, tooManyRequests } from "../../protocol/errors.js";
import { MAX_BODY_BYTES, parseJsonBody, readBody } from "../../protocol/io.js";
import type { Service } from "../../service.js";
import { batchDelete, deleteIndicator } from "./deletes.js";
import { listIndicators } from "./list.js";
import { sweepExpired } from "./model.js";
import type { IndicatorsRequest } from "./request.js";
import { indicatorRouteLabel, resolveIndicatorRoute } from "./route.js";
import { importIndicators, submitIndicator } from "./writes.js";

/**
 * Serves one request under `/api`: bearer (the Indicators API's audiences), rate limits, route and 405, roles,
 * body, expiry sweep, handler. Throws {@link ODataFailure}s; the listener serialises them.
 * @example const reply = await serveIndicators(service, req, url)
 */
export async function serveIndicators(service: Service, req: IncomingMessage, url: URL): Promise<ApiReply> {
  const claims = checkBearer(
    req,
    service.key,
    service.settings.tenantId,
    service.now(),
    INDICATORS_RESOURCES,
  );
  const method = req.method ?? "GET";
  const { route, endpoint } = resolveIndicatorRoute(url.pathname, method);
  service.stats.request(indicatorRouteLabel(method, route));
  const retryAfter =
    service.limiter.take(service.now()) ??
    service.indicatorLimits.take(endpoint, claims.appid, service.now());
  if (retryAfter !== undefined) {
    service.stats.rateLimitHit();
    throw tooManyRequests(retryAfter, `Rate limit exceeded for ${endpoint}`);
  }
  const access = indicatorAccess(Array.isArray(claims.roles) ? claims.roles : []);
  if (access.read === "none" || (endpoint !== "list" && !access.write)) {
    const needs =
      endpoint === "list"
        ? "Ti.ReadWrite, Ti.ReadWrite.All or Ti.Read.All"
        : "Ti.ReadWrite or Ti.ReadWrite.All";
    throw new ODataFailure(
      403,
      "Forbidden",
      `The app's token has no role that allows ${endpoint} (needs ${needs})`,
    );
  }
  const text = method === "POST" ? await readBody(req, MAX_BODY_BYTES, service.bodies) : "";
  sweepExpired(service);
  const request: IndicatorsRequest = {
    service,
    query: url.searchParams,
    body: parseJsonBody(text, req.headers["content-type"]),
    origin: url.origin,
    apiBase: `${url.origin}${/^\/api\/v1\.0/i.test(url.pathname) ? url.pathname.slice(0, 9) : url.pathname.slice(0, 4)}`,
    url,
    maxPageSize: maxPageSize(String(req.headers.prefer ?? "")),
    access,
    writer: { appId: claims.appid, at: new Date(service.now()).toISOString() },
  };
  switch (route.kind) {
    case "collection":
      return method === "GET" ? listIndicators(request) : submitIndicator(request);
    case "import":
      return importIndicators(request);
    case "batchDelete":
      return batchDelete(request);
    case "entity":
      return deleteIndicator(request, route.id);
  }
}
