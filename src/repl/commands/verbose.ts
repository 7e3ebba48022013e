import type { ReplState } from "../types.js";
import { retryLine } from "../spinner.js";
import { say } from "./run.js";

/** One exchange as the session reports it (see `session.onRequest`): never headers or bodies. */
interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly durationMs: number;
  readonly error?: string;
}

/** A retry about to happen (`session.onRequest(listener, { retries: true })`). */
interface Retry {
  readonly kind: "retry";
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly reason: string;
  readonly delayMs: number;
}

type Subscribe = (
  listener: (entry: Exchange | Retry) => void,
  options: { readonly retries: true },
) => () => void;

/**
 * `.verbose [on|off]`: prints each request as it happens (method, path, status, time; every attempt of a
 * retried call is its own line), or stops. Without an argument it toggles.
 */
export function verbose(state: ReplState, rest: string): void {
  if (rest !== "" && rest !== "on" && rest !== "off")
    throw new TypeError(".verbose takes on, off or nothing");
  const on = rest === "" ? state.verbose === undefined : rest === "on";
  setVerbose(state, on);
  say(state, on ? "Verbose: each request prints as it happens." : "Verbose off.");
}

/**
 * Subscribes to (or leaves) the current session's request log; `.login` calls it again for the new session.
 * @example setVerbose(state, state.verbose !== undefined)
 */
export function setVerbose(state: ReplState, on: boolean): void {
  state.verbose?.();
  state.verbose = undefined;
  if (!on) return;
  // On the emulator both sessions (custom TI and the Indicators API) print their requests.
  const stops = [state.session, state.indicatorsSession].map((session) => {
    const subscribe = (session as { onRequest?: Subscribe } | undefined)?.onRequest;
    if (typeof subscribe !== "function") return () => undefined;
    return subscribe.call(
      session,
      (entry) => {
        // At a terminal the line clears what the spinner drew there.
        const clear = state.interactive ? "\r\u001b[K" : "";
        const line = "kind" in entry ? `↻ ${retryLine(entry)}` : exchangeLine(entry);
        state.errors.write(`${clear}${line}\n`);
      },
      { retries: true },
    );
  });
  state.verbose = () => stops.forEach((stop) => stop());
}

/**
 * The line for one exchange, e.g. `→ GET /V1.0/AlertDefinitions 200 12 ms`.
 * @example exchangeLine({ method: "GET", url: "http://h/V1.0/x?$top=1", status: 200, durationMs: 3 })
 */
export function exchangeLine(entry: Exchange): string {
  let path = entry.url;
  try {
    const url = new URL(entry.url);
    path = `${url.pathname}${url.search}`;
  } catch {
    // Not absolute: shown as it came.
  }
  const outcome = entry.status !== undefined ? String(entry.status) : (entry.error ?? "no answer");
  return `→ ${entry.method} ${decodeURIComponent(path)} ${outcome} ${Math.round(entry.durationMs)} ms`;
}
