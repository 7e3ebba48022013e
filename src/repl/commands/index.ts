import type { REPLServer } from "node:repl";
import type { ReplState } from "../types.js";
import { emulatorCommand } from "./emulator.js";
import { HELP, format, stack, token, whoami } from "./info.js";
import { login } from "./login.js";
import { methodHelp } from "../method-help.js";
import { commandAction, say } from "./run.js";
import { verbose } from "./verbose.js";

/**
 * Defines the console's dot-commands on the REPL (replacing Node's `.help`). `onSession` re-fills the context
 * after `.login` swaps the session.
 * @example defineCommands(server, state, () => installNames())
 */
// The wizards and walkthroughs load on first use: with the bulk engine and the prompts behind them they were
// most of what the console loaded before its first prompt (issue 14).
const wizards = () => import("./wizards.js");

export function defineCommands(server: REPLServer, state: ReplState, onSession: () => void): void {
  const define = (name: string, help: string, body: (rest: string) => Promise<void> | void): void =>
    server.defineCommand(name, { help, action: commandAction(server, state, body) });
  define("help", "Commands, helpers and examples; .help alerts.create: one method", (rest) =>
    say(state, rest.trim() === "" ? HELP : methodHelp(rest.trim())),
  );
  define(
    "walkthrough",
    "The five documented steps, guided; `.walkthrough indicators` for the Indicators API",
    (rest) => walkthroughOf(server, state, rest),
  );
  define("new-alert", "Create an alert definition with a wizard", async () =>
    (await wizards()).newEntity(server, state, "alert"),
  );
  define("new-ioc", "Create an IOC with a wizard", async () =>
    (await wizards()).newEntity(server, state, "ioc"),
  );
  define("new-indicator", "Submit an indicator with a wizard", async () =>
    (await import("./indicator-wizard.js")).newIndicator(server, state),
  );
  define("sync", "Sync a feed into the indicators it owns, with a dry run first", async () =>
    (await import("./sync-wizard.js")).syncWizard(server, state),
  );
  define("migrate", "Carry custom TI into the Indicators API, with a dry run first", async () =>
    (await import("./migrate-wizard.js")).migrateWizard(server, state),
  );
  define("login", "Enter credentials (masked) and reconnect", () => login(server, state, onSession));
  define("whoami", "Mode, API URL, client id, tenant", () => whoami(state));
  define("token", "Token expiry and claims (never the token)", () => token(state));
  define("format", "How results print: table, json or csv", (rest) => format(state, rest));
  define("emulator", "Emulator status, stats, faults <rules>|off, latency <ms>|off, reset", (rest) =>
    emulatorCommand(state, rest),
  );
  define("stack", "The full stack of the last error", () => stack(state));
  define("verbose", "Print each request as it happens: on, off (toggles)", (rest) => verbose(state, rest));
}

async function walkthroughOf(server: REPLServer, state: ReplState, rest: string): Promise<void> {
  if (rest === "indicators")
    return (await import("./walkthrough-indicators.js")).walkthroughIndicators(server, state);
  if (rest === "") return (await import("./walkthrough.js")).walkthrough(server, state);
  throw new TypeError(".walkthrough takes nothing (custom TI) or indicators (the Indicators API)");
}

/** The command names, for completion (Node's own plus ours). */
export function commandNames(server: REPLServer): string[] {
  return Object.keys(server.commands);
}
