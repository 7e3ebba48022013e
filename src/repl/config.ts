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
  /** The service asked for (`--service`, TI_SERVICE); connect() checks it and, when absent, reads the API URL. */
  readonly service: string | undefined;
  /** Present only when found in the environment or .env; never printed. */
  readonly clientSecret: string | undefined;
  /** Why this mode: "--emulator", "no credentials", "TI_CLIENT_ID and TI_CLIENT_SECRET". */
  readonly reason: string;
  /** `--read-only`: the session refuses every write. */
  readonly readOnly?: boolean;
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

/** The settings that name a tenant: any one set means the user meant a tenant, not the emulator. */
const TENANT_SETTINGS = [
  "TI_CLIENT_ID",
  "TI_CLIENT_SECRET",
  "TI_AUTH_URL",
  "TI_API_URL",
  "TI_RESOURCE",
  "TI_SERVICE",
] as const;
/** What a tenant needs (the API URL and the audience have defaults). */
const REQUIRED = ["TI_CLIENT_ID", "TI_CLIENT_SECRET", "TI_AUTH_URL"] as const;

/** Some `TI_*` settings are given but not all a tenant needs: running on the emulator instead would mislead. */
export class IncompleteConfigError extends Error {
  /** The variables still to set, e.g. `["TI_CLIENT_SECRET", "TI_AUTH_URL"]`. */
  readonly missing: readonly string[];
  constructor(given: readonly string[], missing: readonly string[]) {
    super(
      `${given.join(", ")} ${given.length === 1 ? "is" : "are"} set but ${missing.join(", ")} ` +
        `${missing.length === 1 ? "is" : "are"} missing: set ${missing.length === 1 ? "it" : "them"} ` +
        "(environment or .env), or pass --emulator for the embedded emulator",
    );
    this.name = "IncompleteConfigError";
    this.missing = missing;
  }
}

/**
 * Settings by precedence: flags, then the environment, then `.env` in the working directory. The secret comes
 * only from the environment or `.env`. With `--emulator`, or no tenant setting at all, the mode is `emulator`;
 * some tenant settings without the rest throw {@link IncompleteConfigError} (never a silent emulator).
 * @example resolveConfig(parseCliArgs([]), process.env, readDotEnv(process.cwd())).mode
 */
export function resolveConfig(
  args: Pick<CliArgs, "emulator" | "apiUrl" | "authUrl" | "clientId"> &
    Partial<Pick<CliArgs, "service">> & { readonly readOnly?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  dotEnv: Readonly<Record<string, string>> = {},
): ReplConfig {
  const flags: Record<string, string | undefined> = {
    TI_CLIENT_ID: args.clientId,
    TI_AUTH_URL: args.authUrl,
    TI_API_URL: args.apiUrl,
    TI_SERVICE: args.service,
  };
  const pick = (name: string): string | undefined =>
    nonEmpty(flags[name]) ?? nonEmpty(env[name]) ?? nonEmpty(dotEnv[name]);
  const clientSecret = pick("TI_CLIENT_SECRET");
  const base = {
    apiUrl: pick("TI_API_URL"),
    authUrl: pick("TI_AUTH_URL"),
    clientId: pick("TI_CLIENT_ID"),
    resource: pick("TI_RESOURCE"),
    service: pick("TI_SERVICE"),
    readOnly: args.readOnly ?? false,
  };
  if (args.emulator) return withSecret({ ...base, mode: "emulator", reason: "--emulator" }, clientSecret);
  const given = TENANT_SETTINGS.filter((name) => pick(name) !== undefined);
  if (given.length === 0)
    return withSecret({ ...base, mode: "emulator", reason: "no credentials" }, undefined);
  const missing = REQUIRED.filter((name) => pick(name) === undefined);
  if (missing.length > 0) throw new IncompleteConfigError(given, missing);
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
