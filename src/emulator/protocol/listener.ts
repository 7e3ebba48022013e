import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { issueToken, TOKEN_PATH } from "../auth/token-endpoint.js";
import { drawDelayMs } from "../control/latency.js";
import { serveAdmin } from "../handlers/admin.js";
import type { ApiReply } from "../handlers/types.js";
import type { Service } from "../service.js";
import { errorBody, internalError, ODataFailure } from "./errors.js";
import { injectFault } from "./faults.js";
import { readBody, sendEmpty, sendJson, sendText } from "./io.js";
import { serveApi } from "./api.js";
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
      log(`${new Date().toISOString()} ${req.method} ${path} ${outcome} ${ms}ms ${requestId}`);
    });
    handle(service, req, res).catch((error: unknown) => {
      const failure = error instanceof ODataFailure ? error : internalError();
      if (!(error instanceof ODataFailure))
        log(`internal error ${requestId}: ${(error as Error).stack ?? String(error)}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, failure.status, errorBody(failure, requestId), { ...failure.headers });
    });
  };
}

async function handle(service: Service, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  if (url.pathname === "/_emulator" || url.pathname.startsWith("/_emulator/")) {
    return send(res, await serveAdmin(service, req, url));
  }
  const token = TOKEN_PATH.exec(url.pathname);
  if (injectFault(service, token ? "token" : "api", req, res)) return;
  const delayMs = drawDelayMs(service.settings.latency, service.random);
  if (delayMs > 0) await sleep(delayMs);
  if (!token && isIndicatorsPath(url.pathname)) return send(res, await serveIndicators(service, req, url));
  if (!token) return send(res, await serveApi(service, req, url));
  if (req.method !== "POST") {
    const body = { error: "invalid_request", error_description: "The token endpoint takes POST." };
    return sendJson(res, 405, body, { Allow: "POST", "Content-Type": "application/json; charset=utf-8" });
  }
  const body = await readBody(req);
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

/** The request URL; concatenated rather than resolved, so that `//host/...` cannot change the origin. */
function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`);
  } catch {
    throw new ODataFailure(400, "BadRequest", "The request URL or Host header is malformed");
  }
}

function send(res: ServerResponse, reply: ApiReply): void {
  if ("json" in reply) sendJson(res, reply.status, reply.json, reply.headers);
  else if ("text" in reply) sendText(res, reply.status, reply.contentType, reply.text);
  else sendEmpty(res, reply.status, reply.headers);
}
