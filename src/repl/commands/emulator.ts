import { formatRecord, formatValue } from "../../display/index.js";
import { outputWidth, type ReplState } from "../types.js";
import { say } from "./run.js";

/** The emulator's root URL: the embedded one, else the configured API URL without `/V1.0` (an external one). */
function emulatorRoot(state: ReplState): string | undefined {
  if (state.emulator) return state.emulator.url;
  return state.config.apiUrl?.replace(/\/v1\.0\/?$/i, "");
}

async function admin(state: ReplState, method: string, path: string, body?: unknown): Promise<unknown> {
  const root = emulatorRoot(state);
  if (!root) throw new Error("Not connected to an emulator (start with --emulator)");
  const init: RequestInit = { method, ...(state.controller ? { signal: state.controller.signal } : {}) };
  // Admin writes take JSON only, so that a web page cannot send one cross-site without a preflight.
  if (method !== "GET") {
    init.body = JSON.stringify(body ?? {});
    init.headers = { "content-type": "application/json" };
  }
  const response = await fetch(`${root}/_emulator/${path}`, init);
  if (response.status === 404) throw new Error(`${root} is not a ti-emulator (no /_emulator/${path})`);
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `The emulator refused ${method} /_emulator/${path} (${response.status}): ${refusal(text)}`,
    );
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

/**
 * `.emulator [status|stats|faults [rules]|latency [ms]|reset]`: what the emulator is, its counters, its fault
 * rules (`.emulator faults 503:10%` sets them, `.emulator faults off` clears), its added response delay
 * (`.emulator latency 250`, `0` removes it), and a reset of its data.
 */
export async function emulatorCommand(state: ReplState, rest: string): Promise<void> {
  const [sub = "status", ...args] = rest.split(/\s+/).filter(Boolean);
  const opts = { width: outputWidth(state), color: state.color };
  const show = (value: unknown): void =>
    say(state, isRecord(value) ? formatRecord(value, opts) : formatValue(value, opts));
  switch (sub) {
    case "status":
      return show({
        Embedded: state.emulator !== undefined,
        Url: emulatorRoot(state) ?? null,
        ApiUrl: state.emulator?.apiUrl ?? state.config.apiUrl ?? null,
        ClientId: state.emulator?.clientId ?? state.config.clientId ?? null,
      });
    case "stats":
      return show(await admin(state, "GET", "stats"));
    case "faults":
      if (args.length === 0) return show(await admin(state, "GET", "faults"));
      return show(await admin(state, "PUT", "faults", { rules: args[0] === "off" ? "" : args.join(",") }));
    case "latency":
      if (args.length === 0) return show(await admin(state, "GET", "latency"));
      return show(await admin(state, "PUT", "latency", latencyBody(args)));
    case "reset":
      await admin(state, "POST", "reset");
      return say(state, "Emulator data reset.");
    default:
      throw new TypeError(".emulator takes status, stats, faults [rules|off], latency [ms] or reset");
  }
}

/** `250` or `off` as the latency endpoint's body. */
function latencyBody(args: readonly string[]): { ms: number } {
  const [text = ""] = args;
  if (text === "off") return { ms: 0 };
  if (args.length !== 1 || !/^\d+$/.test(text))
    throw new TypeError(
      `.emulator latency takes whole milliseconds or off (e.g. .emulator latency 250), got "${args.join(" ")}"`,
    );
  return { ms: Number(text) };
}

/** The message of the emulator's OData error body, else the body's start. */
function refusal(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === "string") return message;
  } catch {
    // Not JSON: the body as it came.
  }
  return text.slice(0, 200);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
