// The `ti-emulator` command: parse flags, start the emulator, print where it listens, stop on SIGINT/SIGTERM.
import { parseCliArgs, USAGE, UsageError } from "./cli-args.js";
import { startEmulator } from "./start.js";
import { INDICATORS_DEFAULT_SCOPE } from "../schema/index.js";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ti-emulator: ${error.message}\n`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const host = options.host ?? "127.0.0.1";
  const emulator = await startEmulator({
    ...options,
    onLog: (line) => process.stdout.write(`${line}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`ti-emulator: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  });
  process.stdout.write(
    `ti-emulator listening on ${emulator.url}\n` +
      `  token URL: ${emulator.authUrl}\n` +
      `  API URL:   ${emulator.apiUrl}\n` +
      `  client id: ${emulator.clientId}\n` +
      // The successor API shares the port and the token endpoints; its tokens need its own audience.
      `  Indicators API: ${emulator.url}/api (scope ${INDICATORS_DEFAULT_SCOPE})\n`,
  );
  if (!LOOPBACK.test(host)) {
    process.stderr.write(
      `ti-emulator: warning: listening on ${host}, not loopback: other machines can reach the API with the demo credentials\n`,
    );
  }
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
