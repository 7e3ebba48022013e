import { EventEmitter } from "node:events";
import type { Agent, Dispatcher } from "undici";
import { AbortedError, NetworkError, TimeoutError } from "../errors/index.js";
import { afterTimeout, systemClock, type Clock } from "./clock.js";
import type { HttpResponse, Send } from "./types.js";
import { redactUrl, requestTarget } from "./url.js";

/** What {@link createTransport} needs, already normalised (the session's defaults are applied by `connect`). */
export interface TransportOptions {
  /** The undici dispatcher every request goes through (a ProxyAgent, say), or a {@link LazyAgent}'s `get`. */
  readonly dispatcher: Dispatcher | (() => Promise<Dispatcher>);
  /** Whole-exchange timeout per attempt, headers and body included. */
  readonly timeoutMs: number;
  /** Times each attempt (so a test's clock can make a hanging service time out). Default: {@link systemClock}. */
  readonly clock?: Clock;
}

/** An undici Agent made on first use, so that loading ti-console does not load undici (its slowest package to load, over 100 ms here). */
export interface LazyAgent {
  /** The agent, made (and undici loaded) by the first call. */
  readonly get: () => Promise<Agent>;
  /** Closes the agent if it was made. */
  readonly close: () => Promise<void>;
}

/**
 * One keep-alive undici Agent with at most `connections` connections per origin, made on the first request.
 * @example const agent = createAgent({ connections: 4 }); await agent.close()
 */
export function createAgent(options: { readonly connections: number }): LazyAgent {
  let agent: Promise<Agent> | undefined;
  const make = async (): Promise<Agent> => {
    const { Agent } = await import("undici");
    return new Agent({ connections: options.connections, keepAliveTimeout: 30_000, pipelining: 1 });
  };
  return {
    get: () => (agent ??= make()),
    close: async () => void (await (await agent)?.close()),
  };
}

/**
 * The innermost send: one undici `dispatcher.request()`, the whole body read, JSON parsed. Never follows redirects (a 3xx
 * comes back as a response), so Authorization never travels to another origin.
 * @example const send = createTransport({ dispatcher: createAgent({ connections: 8 }).get, timeoutMs: 30_000 })
 */
export function createTransport(options: TransportOptions): Send {
  const { timeoutMs } = options;
  const clock = options.clock ?? systemClock;
  let dispatcher = typeof options.dispatcher === "function" ? undefined : options.dispatcher;
  const made = typeof options.dispatcher === "function" ? options.dispatcher : undefined;
  return async (req) => {
    dispatcher ??= await made!();
    if (req.signal?.aborted) throw new AbortedError(req.signal.reason);
    // One abort emitter per exchange, fired by the caller's signal or the timeout. undici documents an EventEmitter
    // as a request's signal; on Node 20 an AbortController costs about 2 µs to make, an EventEmitter a thirtieth.
    const abort = new EventEmitter();
    const onAbort = (): void => void abort.emit("abort");
    req.signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const cancelTimer = afterTimeout(clock, timeoutMs, () => {
      timedOut = true;
      abort.emit("abort");
    });
    try {
      // Not undici's request(url), which parses every URL with new URL() to find these two (see requestTarget).
      const { origin, path } = requestTarget(req.url);
      const res = await dispatcher.request({
        origin,
        path,
        method: req.method as Dispatcher.HttpMethod,
        headers: Object.assign(encodeHeaders(req.body), req.headers), // not spreads: see ended() in retry.ts
        body: encodeBody(req.body) ?? null,
        signal: abort,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: flattenHeaders(res.headers), data: parseBody(text) };
    } catch (error) {
      const context = { method: req.method, url: redactUrl(req.url) };
      if (req.signal?.aborted) throw new AbortedError(req.signal.reason);
      if (timedOut || isUndiciTimeout(error)) throw new TimeoutError(context, timeoutMs);
      throw new NetworkError(context, error);
    } finally {
      cancelTimer();
      req.signal?.removeEventListener("abort", onAbort);
    }
  };
}

function encodeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}

function encodeHeaders(body: unknown): Record<string, string> {
  const base: Record<string, string> = { accept: "application/json" };
  if (body !== undefined && typeof body !== "string") base["content-type"] = "application/json";
  return base;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HttpResponse["headers"] {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isUndiciTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
}
