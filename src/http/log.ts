import { isTiError } from "../errors/index.js";
import { systemClock, type Clock } from "./clock.js";
import type { RetryNotice } from "./retry.js";
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

/** A retry about to happen (between two exchanges), for listeners that asked for retries. */
export interface RetryLogEntry extends RetryNotice {
  readonly kind: "retry";
}

/** Receives exchanges and, before each retry's wait, a {@link RetryLogEntry}. */
export type RetryAwareListener = (entry: RequestLogEntry | RetryLogEntry) => void;

/** A request log: the wrapper that feeds it, what the retry wrapper tells it, and how to listen. */
export interface RequestLog {
  readonly wrapper: SendWrapper;
  /** The retry wrapper's `onRetry`. */
  readonly retried: (notice: RetryNotice) => void;
  /** Adds a listener of exchanges (and retries with `{ retries: true }`); returns the function that removes it. */
  subscribe(listener: RequestListener): () => void;
  subscribe(listener: RetryAwareListener, options: { readonly retries: true }): () => void;
}

/**
 * A log of every exchange on the wire (retries and replays included), for "what happened" in notebooks.
 * A throwing listener is ignored, so observing never breaks a call.
 * @example const log = createRequestLog(); log.subscribe((e) => entries.push(e))
 */
export function createRequestLog(clock: Clock = systemClock): RequestLog {
  // Both sets hold retry-aware listeners: plain ones are only ever given exchanges.
  const listeners = new Set<RetryAwareListener>();
  const retryListeners = new Set<RetryAwareListener>();
  const emit = (entry: RequestLogEntry): void => {
    notify([...listeners, ...retryListeners], entry);
  };
  const wrapper: SendWrapper = (next) => async (request) => {
    const started = clock.now();
    const base = { method: request.method, url: redactUrl(request.url) };
    try {
      const response = await next(request);
      emit({ ...base, status: response.status, durationMs: clock.now() - started });
      return response;
    } catch (error) {
      const kind = isTiError(error) ? error.kind : "error";
      emit({ ...base, status: undefined, durationMs: clock.now() - started, error: kind });
      throw error;
    }
  };
  return {
    wrapper,
    retried: (notice) => notify([...retryListeners], { kind: "retry", ...notice }),
    subscribe(listener: RequestListener | RetryAwareListener, options?: { readonly retries: true }) {
      const set = options?.retries ? retryListeners : listeners;
      const added = listener as RetryAwareListener;
      set.add(added);
      return () => void set.delete(added);
    },
  };
}

function notify<T>(listeners: readonly ((entry: T) => void)[], entry: T): void {
  for (const listener of listeners) {
    try {
      listener(entry);
    } catch {
      // A listener's bug must not fail the request it observes.
    }
  }
}
