import { createWriteStream, openSync, type WriteStream } from "node:fs";
import { createServer, type Server } from "node:http";
import { inspect } from "node:util";
import { TokenKey } from "./auth/jwt.js";
import { BodyBudget } from "./control/body-budget.js";
import { FaultDice } from "./control/faults.js";
import { seededRandom } from "./control/random.js";
import { RateLimiter } from "./control/rate-limit.js";
import { Stats } from "./control/stats.js";
import { normalizeOptions, type EmulatorOptions, type Settings } from "./options.js";
import { createListener, type LogSink } from "./protocol/listener.js";
import { applySeed, loadSeed, type Seed } from "./seed/seed.js";
import type { Service } from "./service.js";
import { EndpointLimits } from "./services/indicators/limits.js";
import { loadIndicatorSeed, seedIndicators, type IndicatorSeed } from "./services/indicators/seed.js";
import { JournalStore } from "./store/journal.js";
import { MemoryStore } from "./store/memory.js";
import type { Store } from "./store/store.js";

/** A started emulator: where it listens, the credentials it accepts, and how to stop it. */
export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:4000` */
  readonly url: string;
  /** The v1 token endpoint, `${url}/${tenantId}/oauth2/token`. */
  readonly authUrl: string;
  /** The service root, `${url}/V1.0`. */
  readonly apiUrl: string;
  readonly clientId: string;
  readonly tenantId: string;
  /** Non-enumerable and hidden from util.inspect (a demo secret, but keep the habit). */
  readonly clientSecret: string;
  /** Stops listening, drops open connections (hung ones too) and closes the state and log files. */
  close(): Promise<void>;
}

/**
 * Starts the emulated custom TI service in this process.
 * @example const emu = await startEmulator({ port: 0 }); // emu.apiUrl -> "http://127.0.0.1:53123/V1.0"
 */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const settings = normalizeOptions(options);
  settings.signal?.throwIfAborted();
  const seed = settings.seed === undefined ? undefined : loadSeed(settings.seed, settings.now());
  const indicatorSeed =
    settings.seed === undefined ? undefined : loadIndicatorSeed(settings.seed, settings.now());
  const { store, logFile, log } = openFiles(settings);
  const service = createService(settings, store, seed, indicatorSeed);
  const server = createServer(
    {
      keepAliveTimeout: 5_000,
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // How often Node checks those timeouts (default 30 s, which would stretch them by as much).
      connectionsCheckingInterval: Math.min(1_000, settings.headersTimeoutMs),
    },
    createListener(service, log),
  );
  try {
    await listen(server, settings);
  } catch (error) {
    store.close();
    logFile?.end();
    throw error;
  }
  const emulator = running(server, settings, store, logFile);
  settings.signal?.addEventListener("abort", () => void emulator.close(), { once: true });
  return emulator;
}

/** The store and the log, both opened synchronously so that a bad path stops the start with its own error. */
function openFiles(settings: Settings): { store: Store; logFile: WriteStream | undefined; log: LogSink } {
  const logFile =
    settings.log === undefined ? undefined : createWriteStream("", { fd: openSync(settings.log, "a") });
  let store: Store;
  try {
    store = settings.statePath
      ? new JournalStore(settings.statePath, { compactAfterBytes: settings.stateCompactBytes })
      : new MemoryStore();
  } catch (error) {
    logFile?.end();
    throw error;
  }
  const log = (line: string): void => {
    // Connections dropped by close() report after the file has ended.
    if (logFile && !logFile.writableEnded) logFile.write(`${line}\n`);
    settings.onLog?.(line);
  };
  return { store, logFile, log };
}

function createService(
  settings: Settings,
  store: Store,
  seed: Seed | undefined,
  indicatorSeed: IndicatorSeed | undefined,
): Service {
  const random = seededRandom(settings.faultSeed);
  const service: Service = {
    settings,
    store,
    key: new TokenKey(),
    stats: new Stats(),
    faults: new FaultDice(settings.faults, random),
    latency: { current: settings.latency },
    limiter: new RateLimiter(settings.rateLimit.perMinute, settings.rateLimit.perHour),
    bodies: new BodyBudget(settings.bodyBudgetBytes),
    indicatorLimits: new EndpointLimits(settings.documentedRateLimits, settings.rateLimitScale),
    random,
    seed,
    indicatorSeed,
    now: settings.now,
  };
  // Only into an empty store, so that restarting with --state does not load the seed twice.
  if (seed && store.count("AlertDefinitions") + store.count("IndicatorsOfCompromise") === 0) {
    applySeed(store, seed, service.now());
  }
  seedIndicators(service, indicatorSeed);
  return service;
}

function listen(server: Server, settings: Settings): Promise<void> {
  return new Promise((resolve, reject) => {
    const { signal } = settings;
    const onAbort = (): void => {
      server.close();
      reject(signal?.reason);
    };
    server.once("error", reject);
    signal?.addEventListener("abort", onAbort, { once: true });
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

function running(
  server: Server,
  settings: Settings,
  store: Store,
  logFile: WriteStream | undefined,
): RunningEmulator {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.port;
  const host = ["0.0.0.0", "::", ""].includes(settings.host) ? "127.0.0.1" : settings.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const emulator = {
    url,
    authUrl: `${url}/${settings.tenantId}/oauth2/token`,
    apiUrl: `${url}/V1.0`,
    clientId: settings.clientId,
    tenantId: settings.tenantId,
    close: () => (closing ??= shutdown(server, store, logFile)),
    [inspect.custom]: () => `RunningEmulator { url: '${url}', clientId: '${settings.clientId}' }`,
  };
  Object.defineProperty(emulator, "clientSecret", { value: settings.clientSecret, enumerable: false });
  return emulator as typeof emulator & { clientSecret: string };
}

async function shutdown(server: Server, store: Store, logFile: WriteStream | undefined): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Hung (fault-injected) and keep-alive connections would otherwise hold close() open.
  server.closeAllConnections();
  await closed;
  store.close();
  if (logFile) await new Promise<void>((resolve) => logFile.end(resolve));
}
