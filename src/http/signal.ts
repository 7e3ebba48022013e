import { AbortedError } from "../errors/index.js";
import type { SendWrapper } from "./types.js";

/** Where a session finds the signal of the work in progress; asked once when each call starts. */
export type SignalSource = () => AbortSignal | undefined;

// One signal that aborts when either does (no new signal when one is missing or both are the same).
function eitherSignal(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  if (!a || a === b) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}

/**
 * Gives every request the signal `source` returns when the request starts, combined with the request's own, so
 * that retries, waits and read-backs stop with it; an already aborted signal fails at once, before any wait.
 * @example const send = withDefaultSignal(() => storage.getStore()?.signal)(next)
 */
export function withDefaultSignal(source: SignalSource): SendWrapper {
  // Not async: a request queued for a slot would hold one more suspended frame here (see limit.ts).
  return (next) => (request) => {
    const signal = eitherSignal(request.signal, source());
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    // Object.assign rather than a spread: see ended() in retry.ts.
    return next(signal === request.signal ? request : Object.assign({}, request, { signal }));
  };
}
