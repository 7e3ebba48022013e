import { createServer as createHttpServer } from "node:http";
import { request } from "undici";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { connect, type ConnectedSession, type ConnectOptions } from "../../src/connect.js";
import type { Session } from "../../src/api/index.js";
import type { RequestLogEntry } from "../../src/http/index.js";

/** A session on the emulator, closed by the caller (or left to process exit in short test files). */
export function connectTo(emu: RunningEmulator, options: ConnectOptions = {}): Promise<ConnectedSession> {
  return connect({
    authUrl: emu.authUrl,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    apiUrl: emu.apiUrl,
    env: {},
    // Fast retries: the emulator is on loopback.
    retry: { baseDelayMs: 20, maxDelayMs: 500 },
    ...options,
  });
}

/** Calls an emulator admin endpoint (no auth) and returns its JSON. */
export async function admin<T = Record<string, unknown>>(
  emu: RunningEmulator,
  path: string,
  body?: unknown,
): Promise<T> {
  const method = body === undefined ? "GET" : path === "faults" ? "PUT" : "POST";
  const res = await request(`${emu.url}/_emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return (await res.body.json()) as T;
}

/** Emulator counters. */
export interface Stats {
  tokensIssued: number;
  responses: Record<string, number>;
  requests: Record<string, number>;
  faultsInjected: number;
}

/** Collects the session's request log. */
export function recordWire(session: Session): RequestLogEntry[] {
  const entries: RequestLogEntry[] = [];
  session.onRequest((entry) => entries.push(entry));
  return entries;
}

/** A valid alert definition input with a distinct name. */
export function alertInput(n: number | string = 1) {
  return {
    Name: `alert ${n}`,
    Severity: "Low",
    InternalDescription: "made by a test",
    Title: `Alert ${n}`,
    UxDescription: "Shown in the portal",
    RecommendedAction: "None",
    Category: "Trojan",
    Enabled: true,
  } as const;
}

/** A distinct, valid SHA-1 for index `n`. */
export function sha1(n: number): string {
  return n.toString(16).padStart(40, "0");
}

/** A loopback proxy that can lose a reply after the server has acted on the request (the "did it land?" case). */
export interface LossyProxy {
  readonly url: string;
  /** How many replies were dropped. */
  readonly dropped: number;
  close(): Promise<void>;
}

/**
 * Forwards every request to `target`; when `drop(method, path)` says so, waits for the target's answer and then
 * destroys the client connection instead of replying.
 */
export async function startLossyProxy(
  target: string,
  drop: (method: string, path: string) => boolean,
): Promise<LossyProxy> {
  let dropped = 0;
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)),
    );
    const upstream = await request(`${target}${req.url ?? "/"}`, {
      method: (req.method ?? "GET") as "GET",
      headers: headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : null,
    });
    const body = Buffer.from(await upstream.body.arrayBuffer());
    if (drop(req.method ?? "GET", req.url ?? "/")) {
      dropped++;
      req.socket.destroy();
      return;
    }
    res.writeHead(
      upstream.statusCode,
      Object.fromEntries(
        Object.entries(upstream.headers).filter(
          ([k]) => !["connection", "transfer-encoding", "keep-alive"].includes(k),
        ),
      ),
    );
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get dropped() {
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
