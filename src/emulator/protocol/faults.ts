import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultRule } from "../control/faults.js";
import { formatFaultRules } from "../control/faults.js";
import type { Service } from "../service.js";
import { errorBody, ODataFailure } from "./errors.js";
import { sendJson } from "./io.js";

const CODES: Readonly<Record<number, string>> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  429: "TooManyRequests",
  500: "InternalServerError",
  503: "ServiceUnavailable",
  507: "InsufficientStorage",
};

/**
 * Rolls the fault dice for a request and, when a rule fires, acts it out: a status with the error body of the
 * endpoint (OData for the API, Azure AD for the token endpoints), a connection reset, or a hang (no answer; the
 * socket is closed when the emulator closes). True when the request has been dealt with.
 * @example if (injectFault(service, "api", req, res)) return;
 */
export function injectFault(
  service: Service,
  scope: "api" | "token",
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const rule = service.faults.roll(scope);
  if (!rule) return false;
  service.stats.faultInjected();
  if (rule.kind === "reset") req.socket.destroy();
  else if (rule.kind === "status") sendStatus(rule, scope, res);
  return true;
}

function sendStatus(rule: FaultRule, scope: "api" | "token", res: ServerResponse): void {
  const status = rule.status ?? 503;
  const headers: Record<string, string> =
    rule.retryAfterSeconds === undefined ? {} : { "Retry-After": String(rule.retryAfterSeconds) };
  const why = `Injected fault (rule ${formatFaultRules([rule])})`;
  if (scope === "token") {
    const error = status === 429 || status >= 500 ? "temporarily_unavailable" : "invalid_request";
    sendJson(
      res,
      status,
      { error, error_description: why },
      { ...headers, "Content-Type": "application/json; charset=utf-8" },
    );
    return;
  }
  const failure = new ODataFailure(status, CODES[status] ?? "InjectedFault", why);
  sendJson(res, status, errorBody(failure, String(res.getHeader("request-id"))), headers);
}
