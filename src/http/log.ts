import { isTiError } from "../errors/index.js";
import { systemClock, type Clock } from "./clock.js";
import { loggedBodies, type Scrub } from "./log-bodies.js";
import type { RetryNotice } from "./retry.js";
import type { HttpRequest, SendWrapper } from "./types.js";
import { redactUrl } from "./url.js";

/** One exchange on the wire (one attempt of a call), as request listeners see it. Never carries headers. */
export interface RequestLogEntry {
  readonly method: string;
  readonly url: string;
  /** Undefined when no response came (network error, timeout, abort). */
  readonly status: number | undefined;
  /** When the exchange started, in epoch milliseconds by the session's clock. */
  readonly startedAtMs: number;
  readonly durationMs: number;
  /** The attempt of its call: 1, then 2 for the first retry (a 401's replay keeps its attempt's number). */
  readonly attempt: number;
  /** The retry policy's wait before this attempt: 0 for the first. */
  readonly waitedMs: number;
  /** The error kind (`network`, `timeout`, `aborted`) when no response came. */
  readonly error?: string;
  /** For listeners that asked for bodies: what was sent, credentials redacted (a form as an object of fields). */
  readonly requestBody?: unknown;
  /** For listeners that asked for bodies: the reply's JSON (or text), credentials (`access_token`) redacted. */
  readonly responseBody?: unknown;
}

/** Receives one {@link RequestLogEntry} per exchange. */
export type RequestListener = (entry: RequestLogEntry) => void;

/** A retry about to happen (between two exchanges), for listeners that asked for retries. */
export interface RetryLogEntry extends RetryNotice {
  readonly kind: "retry";
}

/** Receives exchanges and, before each retry's wait, a {@link RetryLogEntry}. */
export type RetryAwareListener = (entry: RequestLogEntry | RetryLogEntry) => void;

/** What a listener asks for beyond the exchanges' facts. */
export interface SubscribeOptions {
  /** Also the retries, before their waits. */
  readonly retries?: boolean;
  /** Also `requestBody` and `responseBody`, redacted. */
  readonly bodies?: boolean;
}

/** Options of {@link createRequestLog}. */
export interface RequestLogOptions {
  /** Times the exchanges. Default: {@link systemClock}. */
  readonly clock?: Clock;
  /** Removes a secret the log knows of (the session's client secret) from logged bodies. Default: none. */
  readonly scrub?: Scrub;
}

/** A request log: the wrappers that feed it, what the retry wrapper tells it, and how to listen. */
export interface RequestLog {
  /** Innermost: sees each exchange on the wire, and its attempt as the retry wrapper numbered it. */
  readonly wrapper: SendWrapper;
  /** The retry wrapper's `onRetry`. */
  readonly retried: (notice: RetryNotice) => void;
  /** Adds a listener of exchanges (and retries with `{ retries: true }`); returns the function that removes it. */
  subscribe(listener: RequestListener, options?: { readonly bodies?: boolean }): () => void;
  subscribe(listener: RetryAwareListener, options: SubscribeOptions & { readonly retries: true }): () => void;
}

interface Listener {
  readonly listener: RetryAwareListener;
  readonly options: SubscribeOptions;
}

/**
 * A log of every exchange on the wire (retries, replays and token requests included), for "what happened" in
 * notebooks and `.verbose`. A throwing listener is ignored, so observing never breaks a call.
 * @example const log = createRequestLog(); log.subscribe((e) => entries.push(e), { bodies: true })
 */
export function createRequestLog(options: RequestLogOptions = {}): RequestLog {
  const { clock = systemClock, scrub = (text: string) => text } = options;
  const listeners = new Set<Listener>();
  // The entry is built only when someone listens: most sessions have no listener, and it parses the URL.
  const emit = (
    request: HttpRequest,
    started: number,
    status: number | undefined,
    error: string | undefined,
    data: unknown,
  ): void => {
    if (listeners.size === 0) return;
    const all = [...listeners];
    const entry: RequestLogEntry = {
      method: request.method,
      url: redactUrl(request.url),
      startedAtMs: started,
      attempt: request.attempt?.number ?? 1,
      waitedMs: request.attempt?.waitedMs ?? 0,
      status,
      durationMs: clock.now() - started,
      ...(error !== undefined && { error }),
    };
    // Bodies are copied (and redacted) only when someone asked for them: a page may hold thousands of entities.
    const withBodies = all.some((l) => l.options.bodies)
      ? { ...entry, ...loggedBodies(request, data, scrub) }
      : entry;
    notify(all, (l) => (l.options.bodies ? withBodies : entry));
  };
  const wrapper: SendWrapper = (next) => async (request) => {
    const started = clock.now();
    try {
      const response = await next(request);
      emit(request, started, response.status, undefined, response.data);
      return response;
    } catch (error) {
      emit(request, started, undefined, isTiError(error) ? error.kind : "error", undefined);
      throw error;
    }
  };
  return {
    wrapper,
    retried: (notice) => {
      const entry: RetryLogEntry = { kind: "retry", ...notice };
      notify(
        [...listeners].filter((l) => l.options.retries),
        () => entry,
      );
    },
    subscribe(listener: RequestListener | RetryAwareListener, options: SubscribeOptions = {}) {
      const added: Listener = { listener: listener as RetryAwareListener, options };
      listeners.add(added);
      return () => void listeners.delete(added);
    },
  };
}

function notify<T>(listeners: readonly Listener[], entryFor: (l: Listener) => T): void {
  for (const l of listeners) {
    try {
      l.listener(entryFor(l) as RequestLogEntry);
    } catch {
      // A listener's bug must not fail the request it observes.
    }
  }
}
