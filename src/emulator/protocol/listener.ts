import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { issueToken, TOKEN_PATH } from "../auth/token-endpoint.js";
import { drawDelayMs } from "../control/latency.js";
import { serveAdmin } from "../handlers/admin.js";
import type { ApiReply } from "../handlers/types.js";
import type { Service } from "../service.js";
import { StorageError } from "../store/store.js";
import { errorBody, internalError, ODataFailure, storageFailed } from "./errors.js";
import { injectFault } from "./faults.js";
import { MAX_FORM_BYTES, readBody, sendEmpty, sendJson, sendText } from "./io.js";
import { serveApi } from "./api.js";
import { ownOrigin } from "./request-guard.js";
import { isIndicatorsPath } from "../services/indicators/route.js";
import { serveIndicators } from "../services/indicators/serve.js";

/** Receives one line per finished request (and one per internal error). */
export type LogSink = (line: string) => void;

/**
 * The node:http request listener: request id, admin endpoints (no auth, no faults), then faults and latency, then
 * the token endpoints or the API. Every failure leaves as the OData error body.
 * @example createServer(createListener(service, log))
 */
export function createListener(
  service: Service,
  log: LogSink,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader("request-id", requestId);
    const clientRequestId = req.headers["client-request-id"];
    if (typeof clientRequestId === "string") res.setHeader("client-request-id", clientRequestId);
    res.on("close", () => {
      const path = (req.url ?? "/").split("?")[0];
      const ms = Math.round(performance.now() - started);
      // A reset or hung request (fault rules), or a client that gave up, ends without a reply.
      const outcome = res.writableFinished ? String(res.statusCode) : "no-reply";
      if (res.writableFinished) service.stats.response(res.statusCode);
      log(`${new Date(service.now()).toISOString()} ${req.method} ${path} ${outcome} ${ms}ms ${requestId}`);
    });
    handle(service, req, res).catch((error: unknown) => {
      // A client that hung up mid-request is no emulator failure; the close handler logs it as no-reply.
      if (req.socket?.destroyed !== false && !(error instanceof ODataFailure)) return;
      const failure = asFailure(error, requestId, log);
      if (res.headersSent) res.destroy();
      else sendJson(res, failure.status, errorBody(failure, requestId), { ...failure.headers });
    });
  };
}

async function handle(service: Service, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req, service.settings);
  if (url.pathname === "/_emulator" || url.pathname.startsWith("/_emulator/")) {
    return send(res, await serveAdmin(service, req, url));
  }
  const token = TOKEN_PATH.exec(url.pathname);
  if (injectFault(service, token ? "token" : "api", req, res)) return;
  const delayMs = drawDelayMs(service.latency.current, service.random);
  if (delayMs > 0) await sleep(delayMs);
  if (!token && isIndicatorsPath(url.pathname)) return send(res, await serveIndicators(service, req, url));
  if (!token) return send(res, await serveApi(service, req, url));
  if (req.method !== "POST") {
    const body = { error: "invalid_request", error_description: "The token endpoint takes POST." };
    return sendJson(res, 405, body, { Allow: "POST", "Content-Type": "application/json; charset=utf-8" });
  }
  const body = await readBody(req, MAX_FORM_BYTES, service.bodies);
  const issuer = { ...service.settings, key: service.key };
  const version = token[2] ? "v2" : "v1";
  const reply = issueToken(issuer, token[1] ?? "", version, body, req.headers["content-type"], service.now());
  if (reply.status === 200) service.stats.tokenIssued();
  service.stats.request(`POST ${token[2] ? "v2.0 token" : "token"}`);
  // Azure AD marks token replies as not cacheable.
  sendJson(res, reply.status, reply.body, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    Pragma: "no-cache",
  });
}

/**
 * The request URL: path and query from the request line alone, origin from a Host header checked to name this
 * emulator. Concatenated rather than resolved, so that `//host/...` cannot change the origin.
 */
function requestUrl(req: IncomingMessage, settings: Service["settings"]): URL {
  const origin = ownOrigin(req, settings.host);
  const target = req.url ?? "/";
  try {
    // An absolute-form target (`GET http://host/path`) is legal HTTP/1.1; only its path and query count.
    const path = target.startsWith("/") ? target : new URL(target).pathname + new URL(target).search;
    return new URL(`${origin}${path}`);
  } catch {
    throw new ODataFailure(400, "BadRequest", `The request target is malformed: ${target.slice(0, 100)}`);
  }
}

/** The OData failure to answer; a storage failure is logged in one line, anything else as a bug with its stack. */
function asFailure(error: unknown, requestId: string, log: LogSink): ODataFailure {
  if (error instanceof ODataFailure) return error;
  if (error instanceof StorageError) {
    log(`storage failure ${requestId}: ${error.message}`);
    return storageFailed(error.full);
  }
  log(`internal error ${requestId}: ${(error as Error).stack ?? String(error)}`);
  return internalError();
}

function send(res: ServerResponse, reply: ApiReply): void {
  if ("json" in reply) sendJson(res, reply.status, reply.json, reply.headers);
  else if ("text" in reply) sendText(res, reply.status, reply.contentType, reply.text);
  else sendEmpty(res, reply.status, reply.headers);
}
