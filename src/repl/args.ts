import { parseArgs } from "node:util";

/** What the command line asked for. */
export interface CliArgs {
  readonly emulator: boolean;
  readonly apiUrl: string | undefined;
  readonly authUrl: string | undefined;
  readonly clientId: string | undefined;
  /** `custom-ti` or `indicators` (`--service`); else TI_SERVICE, else the API URL decides. */
  readonly service: string | undefined;
  /** Code to run instead of the interactive prompt (`--eval`). */
  readonly eval: string | undefined;
  /** A .js or .ts file to run in the REPL context. */
  readonly script: string | undefined;
  /** Skip the start-up file (`~/.config/ti-console/init.js`). */
  readonly norc: boolean;
  /** Refuse every write (`--read-only`): for demos on a real tenant. */
  readonly readOnly: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** The `--help` text. */
export const USAGE = `Usage: ti-console [options] [script.js|script.ts]

An interactive console for Microsoft's custom threat intelligence API and the Defender for Endpoint
Indicators API.

Options:
  --emulator          use the embedded emulator even when credentials are configured
  --api-url <url>     API root (env TI_API_URL; default https://ti.securitycenter.windows.com/V1.0)
  --auth-url <url>    token endpoint (env TI_AUTH_URL), e.g. https://login.windows.net/<tenant>/oauth2/token
  --client-id <id>    application (client) id (env TI_CLIENT_ID)
  --service <name>    custom-ti or indicators (env TI_SERVICE; default: the one the API URL names, else
                      custom-ti; the Indicators API's URL is https://api.securitycenter.microsoft.com/api)
  -e, --eval <code>   run code in the console's context, print the result and exit
  --read-only         refuse every write (create, update, delete) before it is sent
  --norc              do not run the start-up file ($XDG_CONFIG_HOME or ~/.config, then ti-console/init.js)
  -h, --help          show this help
  -v, --version       show the version

The client secret is read from TI_CLIENT_SECRET (environment or ./.env) or asked for with a masked prompt;
it is never accepted as a flag. Precedence: flags > environment > ./.env.
With no TI_* setting the console starts the embedded emulator (saying so on stderr when not at a terminal);
some TI_* settings without TI_CLIENT_ID, TI_CLIENT_SECRET and TI_AUTH_URL exit 2 naming the missing ones.`;

/**
 * Parses argv (without the node and script paths). Throws a TypeError with a one-line message on unknown
 * options, and refuses a secret given as a flag.
 * @example parseCliArgs(["--emulator", "-e", "await alerts.list()"]).eval // "await alerts.list()"
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  if (argv.some((a) => /^--client-secret(=|$)/.test(a))) {
    throw new TypeError(
      "the client secret is never a flag: set TI_CLIENT_SECRET (environment or .env) or use .login",
    );
  }
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      emulator: { type: "boolean", default: false },
      "api-url": { type: "string" },
      "auth-url": { type: "string" },
      "client-id": { type: "string" },
      service: { type: "string" },
      eval: { type: "string", short: "e" },
      norc: { type: "boolean", default: false },
      "read-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", short: "v", default: false },
    },
  });
  if (positionals.length > 1) throw new TypeError(`one script at a time (got ${positionals.join(", ")})`);
  return {
    emulator: values.emulator,
    apiUrl: values["api-url"],
    authUrl: values["auth-url"],
    clientId: values["client-id"],
    service: values.service,
    eval: values.eval,
    script: positionals[0],
    norc: values.norc,
    readOnly: values["read-only"],
    help: values.help,
    version: values.version,
  };
}
