import { createServer } from "node:http";
import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { RequestLogEntry } from "../../src/http/index.js";
import { admin, alertInput, connectTo, sha1 } from "./support.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, faultSeed: 7 });
});

/** Every form the secret or a token could take in a logged value. */
function leaks(entries: readonly unknown[]): string[] {
  const text = `${JSON.stringify(entries)}\n${inspect(entries, { depth: 20 })}`;
  const found: string[] = [];
  if (text.includes(emu.clientSecret)) found.push("client secret");
  if (text.includes(encodeURIComponent(emu.clientSecret))) found.push("encoded client secret");
  if (/eyJ[\w-]{5,}\.[\w-]{5,}\./.test(text)) found.push("a JWT");
  if (/Bearer\s+(?!\[redacted\])\S/.test(text)) found.push("a bearer header");
  return found;
}

describe("connect({ onRequest }): the request log with redacted bodies", () => {
  it("reports the token request first, its form and reply with the secret and the token redacted", async () => {
    const entries: RequestLogEntry[] = [];
    const session = await connectTo(emu, { onRequest: (entry) => entries.push(entry) });
    await session.close();
    expect(entries).toHaveLength(1);
    const [token] = entries;
    expect(token).toMatchObject({ method: "POST", url: emu.authUrl, status: 200, attempt: 1, waitedMs: 0 });
    expect(token!.requestBody).toEqual({
      grant_type: "client_credentials",
      client_id: emu.clientId,
      client_secret: "[redacted]",
      resource: "https://graph.windows.net",
    });
    expect(token!.responseBody).toMatchObject({ token_type: "Bearer", access_token: "[redacted]" });
    expect(token!.startedAtMs).toBeGreaterThan(0);
    expect(leaks(entries)).toEqual([]);
  });

  it("carries what was sent and what came back: the create's fields, the IOC's bind, the reply's Id", async () => {
    const entries: RequestLogEntry[] = [];
    const session = await connectTo(emu, { onRequest: (entry) => entries.push(entry) });
    const alert = await session.alerts.create(alertInput("log"));
    await session.iocs.create({
      Type: "Sha1",
      Value: sha1(4242),
      DetectionFunction: "Equals",
      Enabled: true,
      AlertDefinition: alert.Id,
    });
    await session.alerts.list({ top: 1 });
    await session.close();
    const [, createAlert, createIoc, list] = entries;
    expect(createAlert).toMatchObject({ method: "POST", status: 201, requestBody: alertInput("log") });
    expect(createAlert!.responseBody).toMatchObject({ Id: alert.Id, Name: "alert log" });
    expect(createIoc!.requestBody).toMatchObject({
      Value: sha1(4242),
      "AlertDefinition@odata.bind": `AlertDefinitions(${alert.Id})`,
    });
    expect(list!.requestBody).toBeUndefined();
    expect(list!.responseBody).toMatchObject({
      value: [expect.objectContaining({ Id: expect.any(Number) })],
    });
    expect(leaks(entries)).toEqual([]);
  });

  it("numbers each attempt of a retried call and says how long it waited before it", async () => {
    const entries: RequestLogEntry[] = [];
    const session = await connectTo(emu, { onRequest: (entry) => entries.push(entry) });
    // Retry-After: 1 on each 503, so each retry waits a second.
    await admin(emu, "faults", { rules: "503:100%x2" });
    try {
      await session.alerts.list();
    } finally {
      await admin(emu, "faults", { rules: "" });
      await session.close();
    }
    const attempts = entries.slice(1);
    expect(attempts.map(({ status, attempt }) => [status, attempt])).toEqual([
      [503, 1],
      [503, 2],
      [200, 3],
    ]);
    expect(attempts[0]!.waitedMs).toBe(0);
    expect(attempts[1]!.waitedMs).toBeGreaterThanOrEqual(1000);
    expect(attempts[2]!.waitedMs).toBeGreaterThanOrEqual(1000);
    expect(attempts[0]!.responseBody).toMatchObject({ error: { code: "ServiceUnavailable" } });
    expect(attempts[2]!.startedAtMs).toBeGreaterThanOrEqual(attempts[1]!.startedAtMs + 1000);
  });

  it("numbers a token request made inside an API call on its own, not as the call's attempt", async () => {
    const entries: RequestLogEntry[] = [];
    const session = await connectTo(emu, { onRequest: (entry) => entries.push(entry) });
    await admin(emu, "faults", { rules: "503/0:100%x1" });
    await admin(emu, "revoke", {});
    try {
      await session.alerts.list();
    } finally {
      await admin(emu, "faults", { rules: "" });
      await session.close();
    }
    const rows = entries
      .slice(1)
      .map(({ url, status, attempt }) => [url.includes("oauth2") ? "token" : "api", status, attempt]);
    // 503 first (the fault, before auth), then the retry with the revoked token: 401, a new token, the replay.
    expect(rows).toEqual([
      ["api", 503, 1],
      ["api", 401, 2],
      ["token", 200, 1],
      ["api", 200, 2],
    ]);
    expect(leaks(entries)).toEqual([]);
  });

  it("gives no bodies to a listener that did not ask for them", async () => {
    const session = await connectTo(emu);
    const plain: RequestLogEntry[] = [];
    const withBodies: RequestLogEntry[] = [];
    session.onRequest((entry) => plain.push(entry));
    session.onRequest((entry) => withBodies.push(entry), { bodies: true });
    await session.alerts.list({ top: 1 });
    await session.close();
    expect(plain[0]).not.toHaveProperty("responseBody");
    expect(plain[0]).toMatchObject({ attempt: 1, waitedMs: 0, status: 200 });
    expect(withBodies[0]).toHaveProperty("responseBody");
  });

  it("redacts the secret even where the token endpoint echoes it in an error", async () => {
    const entries: RequestLogEntry[] = [];
    const error = await connectTo(emu, {
      clientSecret: `${emu.clientSecret}-wrong`,
      onRequest: (entry) => entries.push(entry),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(entries[0]).toMatchObject({ status: 401, responseBody: { error: "invalid_client" } });
    expect((entries[0]!.requestBody as Record<string, unknown>)["client_secret"]).toBe("[redacted]");
    expect(leaks(entries)).toEqual([]);
  });
});

describe("the request log's redaction of what a service echoes", () => {
  it("removes the client secret, in any encoding, and token-like strings from a reply that quotes them", async () => {
    const secret = "s3cr+t/=~Q with space";
    const server = createServer((req, res) => {
      let form = "";
      req.on("data", (chunk: Buffer) => (form += chunk.toString()));
      req.on("end", () => {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            error: "invalid_request",
            error_description: `could not read the form ${form}`,
            echo: { secret, nested: [{ refresh_token: "rt-value" }], note: "Bearer abc.def.ghi" },
            jwt: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
          }),
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as { port: number };
    const entries: RequestLogEntry[] = [];
    try {
      const error = await connectTo(emu, {
        authUrl: `http://127.0.0.1:${port}/tenant/oauth2/token`,
        clientSecret: secret,
        retry: { limit: 0 },
        onRequest: (entry) => entries.push(entry),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
    } finally {
      await new Promise((done) => server.close(done));
    }
    const shown = JSON.stringify(entries);
    expect(entries[0]).toMatchObject({ status: 400, responseBody: { error: "invalid_request" } });
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(encodeURIComponent(secret));
    expect(shown).not.toContain(new URLSearchParams({ s: secret }).toString().slice(2));
    expect(shown).not.toContain("rt-value");
    expect(shown).not.toContain("abc.def.ghi");
    expect(shown).not.toMatch(/eyJ[\w-]{5,}\./);
    expect((entries[0]!.responseBody as { echo: { secret: string } }).echo.secret).toBe("[redacted]");
  });
});
