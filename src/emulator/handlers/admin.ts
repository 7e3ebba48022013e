import type { IncomingMessage } from "node:http";
import { formatFaultRules, parseFaultRules } from "../control/faults.js";
import { MAX_LATENCY_MS } from "../control/latency.js";
import { ODataFailure, invalidBody, methodNotAllowed, pathNotFound } from "../protocol/errors.js";
import { MAX_FORM_BYTES, parseJsonBody, readBody } from "../protocol/io.js";
import { requireJson } from "../protocol/media-type.js";
import { refuseCrossSite } from "../protocol/request-guard.js";
import { applySeed } from "../seed/seed.js";
import { seedIndicators } from "../services/indicators/seed.js";
import type { Service } from "../service.js";
import { STORE_SETS } from "../store/store.js";
import type { ApiReply } from "./types.js";

type AdminHandler = (service: Service, body: unknown) => ApiReply;

// Admin endpoints: never behind the API's auth, never touched by faults, latency or rate limits.
const ROUTES: Readonly<Record<string, Readonly<Record<string, AdminHandler>>>> = {
  stats: {
    GET: (s) => ({
      status: 200,
      json: { ...s.stats.snapshot(), entities: counts(s), bodies: s.bodies.snapshot() },
    }),
  },
  state: { GET: (s) => ({ status: 200, json: dump(s) }) },
  reset: { POST: reset },
  revoke: { POST: revoke },
  faults: { GET: (s) => ({ status: 200, json: faults(s) }), PUT: putFaults },
  latency: { GET: (s) => ({ status: 200, json: latency(s) }), PUT: putLatency },
};

/**
 * Serves `/_emulator/{stats,state,reset,revoke,faults,latency}` to callers on this host only (403 from elsewhere and
 * from web pages of other sites); writes need `Content-Type: application/json` (415 otherwise).
 * @example await serveAdmin(service, req, new URL("http://127.0.0.1/_emulator/stats"))
 */
export async function serveAdmin(service: Service, req: IncomingMessage, url: URL): Promise<ApiReply> {
  if (!sameHost(req))
    throw new ODataFailure(403, "Forbidden", "The /_emulator endpoints answer only on this host");
  refuseCrossSite(req, url.origin);
  const name = url.pathname.replace(/^\/_emulator\/?/, "").replace(/\/$/, "");
  const route = ROUTES[name];
  if (!route) throw pathNotFound(url.pathname);
  const method = req.method ?? "GET";
  const handler = route[method];
  if (!handler) throw methodNotAllowed(method, Object.keys(route));
  if (method === "GET") return handler(service, undefined);
  // A page can POST text/plain or typeless bodies cross-site without a preflight; JSON needs one.
  requireJson(req.headers["content-type"]);
  // Admin bodies are tiny option objects: the small cap.
  return handler(
    service,
    parseJsonBody(await readBody(req, MAX_FORM_BYTES, service.bodies), req.headers["content-type"]),
  );
}

function sameHost(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress ?? "";
  return /^(127\.|::1$|::ffff:127\.)/.test(remote) || remote === req.socket.localAddress;
}

function counts(service: Service): Record<string, number> {
  return Object.fromEntries(STORE_SETS.map((set) => [set, service.store.count(set)]));
}

function dump(service: Service): Record<string, unknown> {
  return Object.fromEntries(STORE_SETS.map((set) => [set, [...service.store.all(set)]]));
}

function options(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalidBody("The body must be a JSON object");
  return body as Record<string, unknown>;
}

/** Empties the store (reloading the seed unless `{"seed": false}`), zeroes stats and rate counters; `{"tokens": true}` also revokes tokens. */
function reset(service: Service, body: unknown): ApiReply {
  const { seed = true, tokens = false } = options(body);
  service.store.commit([{ op: "clear" }]);
  if (seed !== false && service.seed) applySeed(service.store, service.seed, service.now());
  if (seed !== false) seedIndicators(service, service.indicatorSeed);
  service.stats.clear();
  service.limiter.clear();
  service.indicatorLimits.clear();
  if (tokens === true) service.key.rotate();
  return { status: 200, json: { reset: true, tokensRevoked: tokens === true, entities: counts(service) } };
}

/** Rotates the signing key: every token issued so far answers 401 until the client fetches a new one. */
function revoke(service: Service): ApiReply {
  service.key.rotate();
  return { status: 200, json: { tokensRevoked: true } };
}

function faults(service: Service): Record<string, unknown> {
  return { rules: formatFaultRules(service.faults.rules), faultSeed: service.settings.faultSeed };
}

/** Replaces the fault rules: `{"rules": "503:10%,reset:1%"}` (an empty string clears them). */
function putFaults(service: Service, body: unknown): ApiReply {
  const { rules } = options(body);
  if (typeof rules !== "string") throw invalidBody('The body must be {"rules": "<fault rules>"}');
  try {
    service.faults.replace(parseFaultRules(rules));
  } catch (error) {
    throw invalidBody((error as Error).message);
  }
  return { status: 200, json: faults(service) };
}

function latency(service: Service): Record<string, unknown> {
  return { ms: service.latency.current.meanMs, jitterMs: service.latency.current.jitterMs };
}

/** Sets the added response delay: `{"ms": 250}`, optionally `"jitterMs"` (at most `ms`); `{"ms": 0}` removes it. */
function putLatency(service: Service, body: unknown): ApiReply {
  const { ms, jitterMs = 0 } = options(body);
  const whole = (value: unknown): value is number =>
    typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_LATENCY_MS;
  if (!whole(ms) || !whole(jitterMs))
    throw invalidBody(
      `The body must be {"ms": <0-${MAX_LATENCY_MS}>} with an optional "jitterMs" (whole milliseconds), got ${JSON.stringify(body)}`,
    );
  if (jitterMs > ms) throw invalidBody(`jitterMs (${jitterMs}) must not exceed ms (${ms})`);
  service.latency.current = { meanMs: ms, jitterMs };
  return { status: 200, json: latency(service) };
}
