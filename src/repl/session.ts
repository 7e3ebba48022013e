import type { RunningEmulator } from "./embedded.js";
import type { ReplConfig } from "./config.js";
import { abortSignal } from "./abortable.js";
import { startEmbeddedEmulator } from "./embedded.js";
import type { Applier } from "../bulk/index.js";
import type { ConnectedSession } from "../session.js";

/** A connected session and the emulator started for it, if any. */
export interface OpenedSession {
  readonly session: ConnectedSession;
  readonly emulator: RunningEmulator | undefined;
}

/**
 * Connects as the config says: in `emulator` mode it starts the embedded emulator and uses its demo
 * credentials, else the configured service. The token is fetched now so the console can show its expiry. Every
 * call on the session obeys the signal of the evaluation or command that makes it (Ctrl-C aborts it).
 * @example const { session, emulator } = await openSession(config)
 */
export async function openSession(config: ReplConfig, applier?: Applier): Promise<OpenedSession> {
  // Loaded here, not at the top: undici alone takes longer to load than Node's REPL takes to start.
  const { connect } = await import("../connect.js");
  const emulator = config.mode === "emulator" ? await startEmbeddedEmulator() : undefined;
  try {
    const options = emulator
      ? {
          authUrl: emulator.authUrl,
          apiUrl: emulator.apiUrl,
          clientId: emulator.clientId,
          clientSecret: emulator.clientSecret,
        }
      : defined({
          authUrl: config.authUrl,
          apiUrl: config.apiUrl,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          resource: config.resource,
        });
    const session = await connect({
      ...options,
      defaultSignal: abortSignal,
      readOnly: config.readOnly ?? false,
      ...(applier ? { applier } : {}),
    });
    return { session, emulator };
  } catch (err) {
    await emulator?.close();
    throw err;
  }
}

/** Closes the session (and its connection pool), then the emulator (the pool's sockets point at it). */
export async function closeSession(opened: {
  readonly session: ConnectedSession | undefined;
  readonly emulator: RunningEmulator | undefined;
}): Promise<void> {
  await opened.session?.close();
  await opened.emulator?.close();
}

function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: string;
  };
}
