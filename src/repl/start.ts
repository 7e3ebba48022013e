import { resolveConfig, readDotEnv, type ReplConfig } from "./config.js";
import type { CliArgs } from "./args.js";
import { askOn } from "./prompts.js";
import { withSecret } from "./config.js";

/**
 * The configuration to start with. On a terminal with no credentials configured, offers to enter them (masked
 * secret) or to use the embedded emulator (the default, so Enter starts the demo).
 * @example const config = await startupConfig(args, { interactive: process.stdin.isTTY === true })
 */
export async function startupConfig(
  args: CliArgs,
  io: { interactive: boolean; cwd: string },
): Promise<ReplConfig> {
  const config = resolveConfig(args, process.env, readDotEnv(io.cwd));
  if (!io.interactive || config.reason !== "no credentials") return config;
  return askOn(process.stdin, process.stdout, async (ask) => {
    const choice = await ask.select("No credentials configured (TI_CLIENT_ID, TI_CLIENT_SECRET).", [
      { name: "Use the embedded emulator (offline demo)", value: "emulator" },
      { name: "Enter credentials now", value: "enter" },
    ]);
    if (choice === "emulator") return config;
    const required = (v: string): true | string => (v.trim() === "" ? "required" : true);
    const clientId = await ask.input("Client id", {
      ...(config.clientId ? { default: config.clientId } : {}),
      validate: required,
    });
    const secret = await ask.password("Client secret");
    const authUrl = await ask.input("Token URL (https://login.windows.net/<tenant>/oauth2/token)", {
      ...(config.authUrl ? { default: config.authUrl } : {}),
      validate: required,
    });
    const apiUrl = await ask.input("API URL", {
      default: config.apiUrl ?? "https://ti.securitycenter.windows.com/V1.0",
    });
    return withSecret(
      { ...config, mode: "service", reason: "entered at start-up", clientId, authUrl, apiUrl },
      secret,
    );
  });
}
