import { AbortedError } from "../errors/index.js";
import type { HttpRequest, HttpResponse, Send, SendWrapper } from "./types.js";

/**
 * Lets at most `concurrency` requests be on the wire at once; the others queue in order (a queued caller that
 * aborts leaves the queue).
 * @example const send = withConcurrencyLimit(8)(next)
 */
export function withConcurrencyLimit(concurrency: number): SendWrapper {
  let active = 0;
  // A queued request holds only its start function and its promise, no suspended async frame: a bulk run queues
  // thousands at once, and each frame's generator, context and await closures were live through every scavenge
  // until its turn (issue 14).
  const queue: Array<() => void> = [];
  // A finished request hands its slot straight to the next in line, so `active` stays put.
  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  return (next) => (request) => {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    if (active < concurrency) {
      active++;
      return sendHolding(next, request, release);
    }
    return new Promise((resolve, reject) => {
      const start = (): void => {
        signal?.removeEventListener("abort", onAbort);
        sendHolding(next, request, release).then(resolve, reject);
      };
      const onAbort = (): void => {
        queue.splice(queue.indexOf(start), 1);
        reject(new AbortedError(signal?.reason));
      };
      queue.push(start);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };
}

/** Sends `request` in a slot already taken, and frees the slot however the send ends (before the caller hears). */
function sendHolding(next: Send, request: HttpRequest, release: () => void): Promise<HttpResponse> {
  let sent: Promise<HttpResponse>;
  try {
    sent = next(request);
  } catch (error) {
    release();
    return Promise.reject(error);
  }
  sent.then(release, release);
  return sent;
}
