import type { Send, SendWrapper } from "./types.js";

/**
 * Wraps `send` in `wrappers`, the first one outermost: the list reads in the order a request passes through.
 * @example const send = composeSend([withDefaultSignal(source), withRetry({ policy })], transport)
 */
export function composeSend(wrappers: readonly SendWrapper[], send: Send): Send {
  return wrappers.reduceRight((inner, wrap) => wrap(inner), send);
}
