import type { RunningEmulator } from "./embedded.js";
import type { ReplConfig } from "./config.js";
import { abortSignal } from "./abortable.js";
import { startEmbeddedEmulator } from "./embedded.js";
import type { WarningListener } from "../api/index.js";
import type { ConnectOptions } from "../connect.js";
import type { Applier } from "../bulk/index.js";
import type { ConnectedSession } from "../session.js";

/** A connected session and the emulator started for it, if any. */
export interface OpenedSession {
  readonly session: ConnectedSession;
  /** On the embedded emulator, the session of its Indicators API (`session` speaks custom TI there). */
  readonly indicatorsSession: ConnectedSession | undefined;
  readonly emulator: RunningEmulator | undefined;
}

/**
 * Connects as the config says: in `emulator` mode it starts the embedded emulator and opens two sessions with its
 * demo credentials, custom TI (`/V1.0`) and the Indicators API (`/api`, a v2.0 token with a scope), since the
 * emulator serves both; else the configured service. The token is fetched now so the console can show its expiry.
 * Every call on the sessions obeys the signal of the evaluation or command that makes it (Ctrl-C aborts it).
 * Warnings (an unknown Category, an `ExpiresAt` already past) go to `onWarning`.
 * @example const { session, indicatorsSession, emulator } = await openSession(config)
 */
export async function openSession(
  config: ReplConfig,
  applier?: Applier,
  onWarning?: WarningListener,
): Promise<OpenedSession> {
  // Loaded here, not at the top: undici alone takes longer to load than Node's REPL takes to start.
  const { connect } = await import("../connect.js");
  const emulator = config.mode === "emulator" ? await startEmbeddedEmulator() : undefined;
  const common: ConnectOptions = {
    defaultSignal: abortSignal,
    readOnly: config.readOnly ?? false,
    ...(applier ? { applier } : {}),
    ...(onWarning ? { onWarning } : {}),
  };
  let session: ConnectedSession | undefined;
  try {
    if (!emulator) {
      session = await connect({ ...common, ...tenantOptions(config) });
      return { session, indicatorsSession: undefined, emulator };
    }
    const credentials = { clientId: emulator.clientId, clientSecret: emulator.clientSecret };
    session = await connect({
      ...common,
      ...credentials,
      service: "custom-ti",
      authUrl: emulator.authUrl,
      apiUrl: emulator.apiUrl,
    });
    const indicatorsSession = await connect({
      ...common,
      ...credentials,
      service: "indicators",
      // The Indicators API's documented token request: v2.0, scope <resource>/.default.
      authUrl: emulator.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
      apiUrl: `${emulator.url}/api`,
    });
    return { session, indicatorsSession, emulator };
  } catch (err) {
    await session?.close();
    await emulator?.close();
    throw err;
  }
}

/**
 * The console's warning listener: a doubtful-but-accepted input (an unknown Category, an `ExpiresAt` already
 * past, so the IOC never matches) prints one line where errors go; the call still goes ahead.
 * @example await openSession(config, applier, printWarnings(state))
 */
export function printWarnings(out: { readonly errors: NodeJS.WritableStream }): WarningListener {
  return (warning) => void out.errors.write(`Warning: ${warning.message}\n`);
}

function tenantOptions(config: ReplConfig): ConnectOptions {
  const given = {
    authUrl: config.authUrl,
    apiUrl: config.apiUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    resource: config.resource,
    service: config.service,
  };
  // connect() checks the service's name and reads the TI_* variables for what is absent here.
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as ConnectOptions;
}

/** Closes the sessions (and their connection pools), then the emulator (the pools' sockets point at it). */
export async function closeSession(opened: {
  readonly session: ConnectedSession | undefined;
  readonly indicatorsSession?: ConnectedSession | undefined;
  readonly emulator: RunningEmulator | undefined;
}): Promise<void> {
  await opened.session?.close();
  await opened.indicatorsSession?.close();
  await opened.emulator?.close();
}
