// ti-console: the REPL's entry point. Decides the mode, connects, then runs --eval, a script, piped lines or
// the interactive console. Heavy modules (undici and the client, the emulator, inquirer, ora, typescript) load
// only when needed; at a terminal the prompt shows while the session connects.
import { Recoverable, type REPLServer } from "node:repl";
import { PassThrough } from "node:stream";
import { formatError } from "../display/index.js";
import { parseCliArgs, USAGE, type CliArgs } from "./args.js";
import { bannerHead, connectedLine, packageVersion } from "./banner.js";
import { IncompleteConfigError, readDotEnv, resolveConfig, type ReplConfig } from "./config.js";
import { reportError, resultOf, runCode } from "./evaluate.js";
import { feedLines } from "./feed.js";
import { historyPath } from "./history.js";
import { rcPath, runStartupFile } from "./rc.js";
import { loadScript } from "./script.js";
import { createConsole } from "./server.js";
import { consoleApplier } from "./bulk/apply.js";
import { closeSession, openSession, printWarnings } from "./session.js";
import type { ReplState } from "./types.js";
import { makeWriter } from "./writer.js";

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    process.stderr.write(`ti-console: ${(err as Error).message}\nTry ti-console --help\n`);
    return 2;
  }
  if (args.help) return write(`${USAGE}\n`);
  if (args.version) return write(`${packageVersion()}\n`);
  const batch = args.eval !== undefined || args.script !== undefined;
  const interactive = !batch && process.stdin.isTTY === true && process.stdout.isTTY === true;
  let config: ReplConfig;
  try {
    config = resolveConfig(args, process.env, readDotEnv(process.cwd()));
  } catch (err) {
    if (!(err instanceof IncompleteConfigError)) throw err;
    process.stderr.write(`ti-console: ${err.message}\n`);
    return 2;
  }
  // A script or a pipe that silently ran on the emulator would report "nothing" as if it were the tenant.
  if (!interactive && config.reason === "no credentials") process.stderr.write(`${EMULATOR_NOTICE}\n`);
  const state = newState(config, interactive);
  watchRejections(state);
  try {
    if (interactive) return await runInteractive(state, args.norc ? undefined : rcPath(process.env));
    await connectSession(state);
    return batch ? await runBatch(state, args) : await runPiped(state);
  } finally {
    if (state.connected) await closeSession(state);
  }
}

/** The one line a non-interactive run without any TI_* setting writes on stderr. */
const EMULATOR_NOTICE =
  "ti-console: no TI_* settings: running on the embedded emulator (for a tenant set TI_CLIENT_ID, TI_CLIENT_SECRET and TI_AUTH_URL)";

function write(text: string): number {
  process.stdout.write(text);
  return 0;
}

/** In a script, a pipe or --eval a rejection nobody handled fails the run (at the prompt see kept.ts). */
function watchRejections(state: ReplState): void {
  if (!state.interactive) process.on("unhandledRejection", (reason) => reportError(state, reason));
}

function newState(config: ReplConfig, interactive: boolean): ReplState {
  return {
    config,
    session: undefined,
    indicatorsSession: undefined,
    server: undefined,
    emulator: undefined,
    format: "table",
    color: interactive && process.stdout.hasColors?.() === true,
    interactive,
    output: process.stdout,
    errors: interactive ? process.stdout : process.stderr,
    lastEntry: "",
    script: undefined,
    verbose: undefined,
    lastError: undefined,
    controller: undefined,
    failed: false,
    connecting: Promise.resolve(),
    connected: false,
    pager: undefined,
    secrets: new Set([config.clientSecret].filter((s): s is string => s !== undefined)),
  };
}

/** Connects and records the session and its emulator in the state (and the demo secret for redaction). */
async function connectSession(state: ReplState): Promise<void> {
  const opened = await openSession(state.config, consoleApplier(state), printWarnings(state));
  Object.assign(state, opened, { connected: true });
  if (opened.emulator) state.secrets.add(opened.emulator.clientSecret);
}

/** --eval and scripts: one evaluation in the console's context; exit 1 when it fails. */
async function runBatch(state: ReplState, args: CliArgs): Promise<number> {
  state.script = args.script;
  const { server, refill } = createConsole(state, { input: new PassThrough(), terminal: false });
  refill();
  const file = args.script ?? "[eval]";
  const code = args.eval ?? (await loadScript(file));
  try {
    const { value } = await resultOf(state, (await runCode(code, file)).value);
    if (args.eval !== undefined && value !== undefined) state.output.write(`${makeWriter(state)(value)}\n`);
  } catch (err) {
    // An unfinished entry has nothing more to come from a file or --eval.
    reportError(
      state,
      err instanceof Recoverable ? new SyntaxError(`${file}: Unexpected end of input`) : err,
      args.script,
    );
  }
  server.close();
  return state.failed ? 1 : 0;
}

/** Piped stdin: lines run one after the other, without prompts, spinners or colours; exit 1 if one failed. */
async function runPiped(state: ReplState): Promise<number> {
  const input = new PassThrough();
  const { server, refill } = createConsole(state, { input, terminal: false });
  refill();
  const exited = new Promise<void>((resolve) => server.on("exit", resolve));
  await feedLines(server, input, process.stdin);
  server.close();
  await exited;
  return state.failed ? 1 : 0;
}

/**
 * At a terminal: banner and prompt at once; the session connects behind them and says so when ready, then the
 * start-up file runs (unless --norc). Lines typed meanwhile wait for both.
 */
async function runInteractive(state: ReplState, startupFile: string | undefined): Promise<number> {
  state.output.write(`${bannerHead(state)}\n`);
  const { server, refill, historyLoaded } = createConsole(state, {
    input: process.stdin,
    terminal: true,
    historyFile: historyPath(process.env),
  });
  const exited = new Promise<void>((resolve) => server.on("exit", resolve));
  // "Connected" (what the tests and users wait for) only once history is loaded too, so no line is lost from it.
  state.connecting = Promise.all([connectSession(state), historyLoaded]).then(
    async () => {
      refill();
      printAbovePrompt(server, state, connectedLine(state));
      if (startupFile === undefined) return;
      if ((await runStartupFile(state, startupFile)) && !state.controller) server.displayPrompt(true);
    },
    (err: unknown) => {
      printAbovePrompt(server, state, `${formatError(err, { color: state.color })}  (.login to try again)`);
    },
  );
  await exited;
  await state.connecting;
  return 0;
}

/** Writes a line above the prompt and redraws the prompt with what the user has typed so far. */
function printAbovePrompt(server: REPLServer, state: ReplState, line: string): void {
  state.output.write(`\r\u001b[K${line}\n`);
  if (!state.controller) server.displayPrompt(true);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${formatError(err)}\n`);
    process.exit(1);
  },
);
