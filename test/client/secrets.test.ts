import { inspect } from "node:util";
import { Agent, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { Secret } from "../../src/auth/index.js";
import type { Session } from "../../src/api/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, connectTo, recordWire } from "./support.js";

const SECRET = "s3cret-value-that-must-never-show";
let emu: RunningEmulator;
let session: Session;
const tokensOnTheWire = new Set<string>();

// Records every bearer token actually sent, so that the test knows what must never be printed.
function capturingAgent(): Dispatcher {
  return new Agent().compose((dispatch) => (options, handler) => {
    const headers = options.headers as Record<string, string> | string[] | undefined;
    const list = Array.isArray(headers) ? headers : Object.entries(headers ?? {}).flat();
    for (let i = 0; i < list.length; i += 2) {
      if (String(list[i]).toLowerCase() === "authorization")
        tokensOnTheWire.add(String(list[i + 1]).replace(/^Bearer /, ""));
    }
    return dispatch(options, handler);
  });
}

function everyRendering(value: unknown): string {
  const parts = [
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    inspect(value),
    safeJson(value),
    String(value),
  ];
  if (value instanceof Error)
    parts.push(value.stack ?? "", inspect(value.cause, { depth: Infinity, showHidden: true }));
  return parts.join("\n");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, clientSecret: SECRET });
  session = await connectTo(emu, {
    dispatcher: capturingAgent(),
    timeoutMs: 500,
    retry: { limit: 1, baseDelayMs: 1 },
  });
});
afterAll(() => session.close());

describe("secrets and tokens never show", () => {
  it("in the session, its config, token view and entity sets, however printed", async () => {
    await session.alerts.list();
    expect(tokensOnTheWire.size).toBeGreaterThan(0);
    const outputs = [
      session,
      session.config,
      session.token,
      session.token.info(),
      session.alerts,
      session.iocs,
    ].map(everyRendering);
    assertClean(outputs);
    expect(everyRendering(session)).toContain("[redacted]");
  });

  it("in errors of every kind and in the request log", async () => {
    const log: unknown[] = [];
    session.onRequest((entry) => log.push(entry));
    recordWire(session);
    const errors: unknown[] = [];
    errors.push(await session.iocs.get(999_999).catch((e: unknown) => e));
    await admin(emu, "faults", { rules: "401:100%x2" });
    errors.push(await session.alerts.list().catch((e: unknown) => e));
    await admin(emu, "faults", { rules: "hang:100%x2" });
    errors.push(await session.alerts.list().catch((e: unknown) => e));
    await admin(emu, "faults", { rules: "" });
    errors.push(await connectTo(emu, { clientSecret: `${SECRET}-wrong` }).catch((e: unknown) => e));
    errors.push(
      await connectTo(emu, { authUrl: `${emu.url}/nowhere/oauth2/token` }).catch((e: unknown) => e),
    );
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    assertClean([...errors.map(everyRendering), ...log.map(everyRendering)]);
  });

  it("in a Secret holder", () => {
    const secret = new Secret(SECRET);
    expect(everyRendering(secret)).not.toContain(SECRET);
    expect(everyRendering({ nested: { secret } })).not.toContain(SECRET);
    expect(secret.reveal()).toBe(SECRET);
  });
});

function assertClean(outputs: readonly string[]): void {
  for (const text of outputs) {
    expect(text).not.toContain(SECRET);
    for (const token of tokensOnTheWire) {
      expect(text).not.toContain(token);
      // Not even the signature part of the JWT.
      expect(text).not.toContain(token.split(".")[2]);
    }
  }
}
