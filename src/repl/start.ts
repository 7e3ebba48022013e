import type { CliArgs } from "./args.js";
import { readDotEnv, resolveConfig, withSecret, type ReplConfig } from "./config.js";
import { askCredentials } from "./credentials.js";
import { askOn } from "./prompts.js";

/**
 * The configuration to start with. On a terminal with no credentials configured, offers to enter them (masked
 * secret) or to use the embedded emulator (the default, so Enter starts the demo).
 * @example const config = await startupConfig(args, { interactive: process.stdin.isTTY === true, cwd: "." })
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
    const { secret, ...entered } = await askCredentials(ask, config);
    return withSecret({ ...config, ...entered, mode: "service", reason: "entered at start-up" }, secret);
  });
}
