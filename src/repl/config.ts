import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import type { CliArgs } from "./args.js";

/** Where the console gets its settings, decided once at start-up (and again by `.login`). */
export interface ReplConfig {
  /** `emulator`: start the embedded emulator; `service`: talk to the configured API. */
  readonly mode: "emulator" | "service";
  readonly apiUrl: string | undefined;
  readonly authUrl: string | undefined;
  readonly clientId: string | undefined;
  readonly resource: string | undefined;
  /** Present only when found in the environment or .env; never printed. */
  readonly clientSecret: string | undefined;
  /** Why this mode: "--emulator", "no credentials", "TI_CLIENT_ID and TI_CLIENT_SECRET". */
  readonly reason: string;
}

/** Reads `.env` in `cwd` (Node's own parser); an absent or unreadable file gives nothing. */
export function readDotEnv(cwd: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch {
    return {};
  }
  const parsed = parseEnv(text);
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Settings by precedence: flags, then the environment, then `.env` in the working directory. The secret comes
 * only from the environment or `.env`. Without both a client id and a secret (or with `--emulator`) the mode is
 * `emulator`.
 * @example resolveConfig(parseCliArgs([]), process.env, readDotEnv(process.cwd())).mode
 */
export function resolveConfig(
  args: Pick<CliArgs, "emulator" | "apiUrl" | "authUrl" | "clientId">,
  env: Readonly<Record<string, string | undefined>>,
  dotEnv: Readonly<Record<string, string>> = {},
): ReplConfig {
  const pick = (flag: string | undefined, name: string): string | undefined =>
    nonEmpty(flag) ?? nonEmpty(env[name]) ?? nonEmpty(dotEnv[name]);
  const clientId = pick(args.clientId, "TI_CLIENT_ID");
  const clientSecret = pick(undefined, "TI_CLIENT_SECRET");
  const base = {
    apiUrl: pick(args.apiUrl, "TI_API_URL"),
    authUrl: pick(args.authUrl, "TI_AUTH_URL"),
    clientId,
    resource: pick(undefined, "TI_RESOURCE"),
  };
  if (args.emulator) return withSecret({ ...base, mode: "emulator", reason: "--emulator" }, clientSecret);
  if (clientId === undefined || clientSecret === undefined) {
    return withSecret({ ...base, mode: "emulator", reason: "no credentials" }, clientSecret);
  }
  return withSecret({ ...base, mode: "service", reason: "TI_CLIENT_ID and TI_CLIENT_SECRET" }, clientSecret);
}

/** Attaches the secret as a non-enumerable property, so inspecting or spreading a config never shows it. */
export function withSecret(config: Omit<ReplConfig, "clientSecret">, secret: string | undefined): ReplConfig {
  return Object.defineProperty({ ...config }, "clientSecret", {
    value: secret,
    enumerable: false,
  }) as ReplConfig;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
