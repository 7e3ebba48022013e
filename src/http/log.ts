import { isTiError } from "../errors/index.js";
import { systemClock, type Clock } from "./clock.js";
import type { SendWrapper } from "./types.js";
import { redactUrl } from "./url.js";

/** One exchange on the wire, as request listeners see it. Never carries headers or bodies. */
export interface RequestLogEntry {
  readonly method: string;
  readonly url: string;
  /** Undefined when no response came (network error, timeout, abort). */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** The error kind (`network`, `timeout`, `aborted`) when no response came. */
  readonly error?: string;
}

/** Receives one {@link RequestLogEntry} per exchange. */
export type RequestListener = (entry: RequestLogEntry) => void;

/** A request log: the wrapper that feeds it, and how to listen. */
export interface RequestLog {
  readonly wrapper: SendWrapper;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: RequestListener): () => void;
}

/**
 * A log of every exchange on the wire (retries and replays included), for "what happened" in notebooks.
 * A throwing listener is ignored, so observing never breaks a call.
 * @example const log = createRequestLog(); log.subscribe((e) => entries.push(e))
 */
export function createRequestLog(clock: Clock = systemClock): RequestLog {
  const listeners = new Set<RequestListener>();
  const emit = (entry: RequestLogEntry): void => {
    for (const listener of listeners) {
      try {
        listener(entry);
      } catch {
        // A listener's bug must not fail the request it observes.
      }
    }
  };
  const wrapper: SendWrapper = (next) => async (request) => {
    const started = clock.now();
    const base = { method: request.method, url: redactUrl(request.url) };
    try {
      const response = await next(request);
      if (listeners.size) emit({ ...base, status: response.status, durationMs: clock.now() - started });
      return response;
    } catch (error) {
      const kind = isTiError(error) ? error.kind : "error";
      if (listeners.size)
        emit({ ...base, status: undefined, durationMs: clock.now() - started, error: kind });
      throw error;
    }
  };
  return {
    wrapper,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
