import { DEFAULT_API_URL } from "../schema/index.js";
import { readFileSync } from "node:fs";
import { formatTime } from "./commands/info.js";
import type { ReplState } from "./types.js";
import type { ConnectedSession } from "../session.js";

/** This package's version, read from package.json next to dist/ (or src/ under tsx). */
export function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The first banner line, shown at once: the mode (embedded emulator, or the API URL and client id) and where
 * to start.
 * @example bannerHead(state) // "ti-console 0.1.0 · embedded emulator (no credentials) · .help …"
 */
export function bannerHead(state: Pick<ReplState, "config">): string {
  const { config } = state;
  const where =
    config.mode === "emulator"
      ? `embedded emulator (${config.reason})`
      : `${config.apiUrl ?? DEFAULT_API_URL} as client ${config.clientId ?? "?"}`;
  const tenant =
    config.mode === "emulator"
      ? "\nPreloaded: alerts, iocs (custom TI) and indicators (the Indicators API), both served offline." +
        "\nFor a tenant: .login, or set TI_CLIENT_ID, TI_CLIENT_SECRET and TI_AUTH_URL and start again."
      : "";
  return `ti-console ${packageVersion()} · ${where}${tenant}\nType .help for commands and examples, .walkthrough for a guided tour.`;
}

/**
 * Where the console is connected, for the prompt: `emulator`, else the tenant id (the token's `tid` claim, or the
 * tenant in the token URL), else the API's host.
 * @example placeLabel(state) // "emulator"
 */
export function placeLabel(state: Pick<ReplState, "config" | "session" | "connected">): string {
  const { config } = state;
  if (config.mode === "emulator") return "emulator";
  const claims = state.connected ? state.session?.token?.claims?.() : undefined;
  const tid = (claims as { tid?: unknown } | undefined)?.tid;
  if (typeof tid === "string" && tid !== "") return tid;
  const tenant = urlOf(config.authUrl)
    ?.pathname.split("/")
    .find((part) => part !== "");
  if (tenant !== undefined && tenant !== "oauth2") return decodeURIComponent(tenant);
  return urlOf(config.apiUrl ?? DEFAULT_API_URL)?.host ?? "service";
}

/**
 * The prompt: `ti(emulator)> ` (both services), `ti(<tenant>)> ` on a custom TI tenant, or
 * `ti(<tenant> indicators)> ` on the Indicators API, with the tenant in yellow when colours are on, so that a
 * destructive line is never typed into the wrong place.
 * @example promptText(state) // "ti(emulator)> "
 */
export function promptText(state: Pick<ReplState, "config" | "session" | "connected" | "color">): string {
  const label = placeLabel(state);
  const shown = state.color && state.config.mode !== "emulator" ? `\u001b[33m${label}\u001b[39m` : label;
  const indicators = state.config.mode !== "emulator" && speaksIndicators(state);
  return `ti(${shown}${indicators ? " indicators" : ""})> `;
}

function speaksIndicators(state: Pick<ReplState, "session" | "connected">): boolean {
  return state.connected && state.session?.service === "indicators";
}

function urlOf(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The lines shown once connected: where, and when the token expires (never the token); on the emulator one for
 * each of its services.
 * @example connectedLine(state) // "Connected to http://127.0.0.1:41234/V1.0 · token expires … (in 60 min)"
 */
export function connectedLine(
  state: Pick<ReplState, "config" | "emulator" | "session" | "indicatorsSession" | "connected">,
): string {
  const line = (session: ConnectedSession | undefined): string => {
    const apiUrl = session?.config.apiUrl ?? state.config.apiUrl ?? DEFAULT_API_URL;
    const where = session?.service === "indicators" ? `the Indicators API at ${apiUrl}` : apiUrl;
    return `Connected to ${where} · Token expires ${formatTime(session?.token.expiresAt)}`;
  };
  const second = state.indicatorsSession ? `\n${line(state.indicatorsSession)}` : "";
  return `${line(state.session)}${second}`;
}
