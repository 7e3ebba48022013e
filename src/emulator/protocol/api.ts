import type { IncomingMessage } from "node:http";
import { checkBearer } from "../auth/bearer.js";
import { dispatch } from "../handlers/dispatch.js";
import type { ApiReply, ApiRequest } from "../handlers/types.js";
import type { Service } from "../service.js";
import { methodNotAllowed, odataError, pathNotFound, tooManyRequests } from "./errors.js";
import { MAX_BODY_BYTES, parseJsonBody, readBody } from "./io.js";
import { ALLOWED_METHODS, resolveRoute, routeLabel } from "./route.js";

const VERSION_PATH = /^\/(v1\.0)(\/.*)?$/i;
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT"]);

/**
 * Serves one request under `/V1.0` (either case): bearer check, rate limit, route, 405, body, handler.
 * Throws {@link ODataFailure}s; the listener serialises them.
 * @example const reply = await serveApi(service, req, url)
 */
export async function serveApi(service: Service, req: IncomingMessage, url: URL): Promise<ApiReply> {
  const match = VERSION_PATH.exec(url.pathname);
  if (!match) throw pathNotFound(url.pathname);
  const claims = checkBearer(req, service.key, service.settings.tenantId, service.now());
  const retryAfter = service.limiter.take(service.now());
  if (retryAfter !== undefined) {
    service.stats.rateLimitHit();
    throw tooManyRequests(retryAfter, "Rate limit exceeded");
  }
  const segments = (match[2] ?? "")
    .split("/")
    .slice(1)
    .map((s) => decodeSegment(s));
  const route = resolveRoute(segments.length === 0 ? [""] : segments, url.pathname);
  const method = req.method ?? "GET";
  service.stats.request(routeLabel(method, route));
  const allowed = ALLOWED_METHODS[route.kind];
  if (!allowed.includes(method)) throw methodNotAllowed(method, allowed);
  const text = WRITE_METHODS.has(method) ? await readBody(req, MAX_BODY_BYTES, service.bodies) : "";
  // Actions.DeleteIOCs takes no body; whatever a client sends with it is ignored.
  const body = route.kind === "deleteIocs" ? undefined : parseJsonBody(text, req.headers["content-type"]);
  const request: ApiRequest = {
    method,
    route,
    query: url.searchParams,
    body,
    origin: url.origin,
    apiBase: `${url.origin}/${match[1]}`,
    url,
    metadataNone: /odata\.metadata=none/i.test(req.headers.accept ?? ""),
    maxPageSize: maxPageSize(String(req.headers.prefer ?? "")),
    claims,
  };
  const reply = dispatch(service, request);
  if (!request.metadataNone || !("json" in reply)) return reply;
  const contentType = "application/json; odata.metadata=none; odata.streaming=true; charset=utf-8";
  return { ...reply, headers: { ...reply.headers, "Content-Type": contentType } };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw odataError(`The path segment "${segment}" is not valid percent-encoding`);
  }
}

/** The page size a `Prefer: odata.maxpagesize=N` header asks for, if any. */
export function maxPageSize(prefer: string): number | undefined {
  const match = /odata\.maxpagesize\s*=\s*(\d{1,9})/i.exec(prefer);
  const size = match ? Number(match[1]) : undefined;
  return size !== undefined && size > 0 ? size : undefined;
}
