import { DEFAULT_API_URL } from "../schema/index.js";
import { readFileSync } from "node:fs";
import { formatTime } from "./commands/info.js";
import type { ReplState } from "./types.js";

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
  return `ti-console ${packageVersion()} · ${where}\nType .help for commands and examples, .walkthrough for a guided tour.`;
}

/**
 * The line shown once the session is connected: where, and when the token expires (never the token).
 * @example connectedLine(state) // "Connected to http://127.0.0.1:41234/V1.0 · token expires … (in 60 min)"
 */
export function connectedLine(state: Pick<ReplState, "config" | "emulator" | "session">): string {
  const apiUrl = state.emulator?.apiUrl ?? state.config.apiUrl ?? DEFAULT_API_URL;
  return `Connected to ${apiUrl} · Token expires ${formatTime(state.session?.token.expiresAt)}`;
}
