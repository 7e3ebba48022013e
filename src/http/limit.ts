import { AbortedError } from "../errors/index.js";
import type { SendWrapper } from "./types.js";

/**
 * Lets at most `concurrency` requests be on the wire at once; the others queue in order (a queued caller that
 * aborts leaves the queue).
 * @example const send = withConcurrencyLimit(8)(next)
 */
export function withConcurrencyLimit(concurrency: number): SendWrapper {
  let active = 0;
  const queue: Array<() => void> = [];
  const acquire = (signal: AbortSignal | undefined): Promise<void> => {
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        queue.splice(queue.indexOf(grant), 1);
        reject(new AbortedError(signal?.reason));
      };
      const grant = (): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      queue.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };
  // A finished request hands its slot straight to the next in line, so `active` stays put.
  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  return (next) => async (request) => {
    await acquire(request.signal);
    try {
      return await next(request);
    } finally {
      release();
    }
  };
}
