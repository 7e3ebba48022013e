import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { connect } from "../../src/connect.js";
import {
  AbortedError,
  AuthError,
  BulkUploadError,
  ConfigurationError,
  HttpError,
  NetworkError,
  QuotaExceededError,
  RateLimitedError,
  TimeoutError,
  ValidationError,
  isTiError,
} from "../../src/errors/index.js";
import type { Session } from "../../src/api/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, alertInput, connectTo, recordWire, sha1 } from "./support.js";

let emu: RunningEmulator;
let session: Session;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, quotaTotal: 30, quotaNonEquals: 2 });
  session = await connectTo(emu, { retry: { baseDelayMs: 10, maxDelayMs: 50, retryAfterCeilingMs: 5_000 } });
});
afterAll(() => session.close());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

describe("HTTP errors", () => {
  it("carries status, OData code, service message, request id, method and URL", async () => {
    const error = await session.iocs.get(424242).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(isTiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: "ResourceNotFound", method: "GET", kind: "http" });
    const http = error as HttpError;
    expect(http.url).toBe(`${emu.apiUrl}/IndicatorsOfCompromise(424242)`);
    expect(http.requestId).toMatch(/\w{8,}/);
    expect(http.serviceMessage).toMatch(/does not exist/);
    expect(http.message).toContain("GET");
  });

  it("reports a bad $filter as a 400 ODataError without retrying", async () => {
    const wire = recordWire(session);
    await expect(session.alerts.list({ filter: "Name eq" })).rejects.toMatchObject({
      status: 400,
      code: "ODataError",
    });
    expect(wire).toHaveLength(1);
  });

  it("makes a full quota a QuotaExceededError that explains both quotas", async () => {
    const alert = await session.alerts.create(alertInput("quota"));
    const contains = {
      Type: "DomainName",
      Value: "evil",
      DetectionFunction: "Contains",
      AlertDefinition: alert.Id,
    } as const;
    await session.iocs.create(contains);
    await session.iocs.create({ ...contains, Value: "bad" });
    const error = await session.iocs.create({ ...contains, Value: "worse" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ status: 507, kind: "quota" });
    expect((error as Error).message).toMatch(/quota is full.*not Equals/s);
  });

  it("tells how much of a bulk upload was applied when a later chunk fails", async () => {
    const stats = await admin<{ entities: Record<string, number> }>(emu, "stats");
    const room = 30 - Object.values(stats.entities).reduce((a, b) => a + b, 0);
    expect(room).toBeGreaterThan(1);
    const alertId = (await session.alerts.list({ top: 1 }))[0]!.Id;
    const items = Array.from({ length: room + 2 }, (_, i) => ({
      Type: "Sha1" as const,
      Value: sha1(60_000 + i),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alertId,
    }));
    const error = await session.iocs.bulkUpload(items, { chunkSize: room - 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkUploadError);
    expect(error).toMatchObject({ uploaded: room - 1, kind: "bulk" });
    expect((error as BulkUploadError).created).toHaveLength(room - 1);
    expect((error as BulkUploadError).cause).toBeInstanceOf(QuotaExceededError);
    expect((error as Error).message).toMatch(new RegExp(`stopped after ${room - 1} of ${room + 2} items`));
  });

  it("gives a RateLimitedError carrying the wait when Retry-After is over the ceiling", async () => {
    await admin(emu, "faults", { rules: "429/120:100%x1" });
    const error = await session.alerts.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
    expect((error as Error).message).toMatch(/wait 120 s/);
  });

  it("waits out a Retry-After under the ceiling and succeeds", async () => {
    await admin(emu, "faults", { rules: "429/1:100%x1" });
    const wire = recordWire(session);
    await session.alerts.list();
    expect(wire.map((e) => e.status)).toEqual([429, 200]);
  });

  it("retries a GET through 503s", async () => {
    await admin(emu, "faults", { rules: "503:100%x2" });
    const wire = recordWire(session);
    await session.alerts.list();
    expect(wire.map((e) => e.status ?? e.error)).toEqual([503, 503, 200]);
  });

  it("retries a GET through a connection reset", async () => {
    await admin(emu, "faults", { rules: "reset:100%x1" });
    const wire = recordWire(session);
    await session.alerts.list();
    expect(wire.map((e) => e.status ?? e.error)).toEqual(["network", 200]);
  });

  it("surfaces a 503 storm as an HttpError once the retry limit is spent", async () => {
    const strict = await connectTo(emu, { retry: { limit: 2, baseDelayMs: 1 } });
    await admin(emu, "faults", { rules: "503:100%x3" });
    await expect(strict.alerts.list()).rejects.toMatchObject({ status: 503 });
    await strict.close();
  });

  it("times out a hung request with a TimeoutError", async () => {
    const impatient = await connectTo(emu, { timeoutMs: 300, retry: { limit: 0 } });
    await admin(emu, "faults", { rules: "hang:100%x1" });
    const error = await impatient.alerts.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, method: "GET" });
    await impatient.close();
  });

  it("stops at once with an AbortedError when the caller aborts", async () => {
    await admin(emu, "faults", { rules: "hang:100%x1" });
    const controller = new AbortController();
    const pending = session.alerts.get(1, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await expect(session.alerts.list({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
  });
});

describe("validation before any request", () => {
  it("refuses a bad IOC with a ValidationError naming field, value and rule, sending nothing", async () => {
    const wire = recordWire(session);
    const error = await session.iocs
      .create({ Type: "Sha1", Value: "abc", DetectionFunction: "Equals", AlertDefinition: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations[0]).toMatchObject({ field: "Value", value: "abc" });
    expect((error as Error).message).toMatch(/Value: "abc" must be 40 hexadecimal characters/);
    expect(wire).toHaveLength(0);
  });

  it("requires the alert definition of an IOC", async () => {
    await expect(
      session.iocs.create({ Type: "Sha1", Value: sha1(1), DetectionFunction: "Equals" }),
    ).rejects.toThrow(/AlertDefinition: \(missing\) is required/);
  });

  it("names missing fields, bad enums and over-long strings of an alert definition", async () => {
    const error = (await session.alerts
      .create({
        ...alertInput(),
        Name: "x".repeat(101),
        // @ts-expect-error: not a severity (the types refuse it too; this checks the run-time refusal)
        Severity: "Critical",
        Title: undefined as unknown as string,
      })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.violations.map((v) => v.field).sort()).toEqual(["Name", "Severity", "Title"]);
    expect(error.message).toMatch(/at most 100 characters/);
  });

  it("names the index of each bad item in a bulk upload", async () => {
    const good = {
      Type: "Sha1" as const,
      Value: sha1(3),
      DetectionFunction: "Equals" as const,
      AlertDefinition: 1,
    };
    await expect(session.iocs.bulkUpload([good, { ...good, Value: "zz" }])).rejects.toThrow(
      /\[1\]\.Value: "zz"/,
    );
  });

  it("refuses a key that is not a positive integer", async () => {
    await expect(session.alerts.get(-1)).rejects.toBeInstanceOf(ValidationError);
    await expect(session.iocs.move(1, 1.5)).rejects.toThrow(/alertId/);
  });
});

describe("connection and auth errors", () => {
  it("names every missing environment variable", async () => {
    const error = await connect({ env: { TI_CLIENT_ID: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/TI_AUTH_URL.*TI_CLIENT_SECRET/);
    expect((error as Error).message).not.toMatch(/TI_CLIENT_ID/);
  });

  it("reads the TI_* variables when no options are given", async () => {
    const env = {
      TI_AUTH_URL: emu.authUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
      TI_API_URL: emu.apiUrl,
    };
    const fromEnv = await connect({ env });
    expect(fromEnv.config).toMatchObject({ apiUrl: emu.apiUrl, resource: "https://graph.windows.net" });
    await fromEnv.alerts.list();
    await fromEnv.close();
  });

  it("says to check the client id and an expired secret when the credentials are refused", async () => {
    const error = await connectTo(emu, { clientSecret: "wrong-secret-value" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: "invalid_client" });
    expect((error as Error).message).toMatch(/client id .* not expired/s);
    expect((error as Error).message).not.toContain("wrong-secret-value");
  });

  it("says to check the authority URL when it points nowhere useful", async () => {
    const error = await connectTo(emu, { authUrl: `${emu.url}/no-such-tenant/oauth2/nothing` }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/Check the authority URL/);
  });

  it("says the authority could not be reached when nothing listens", async () => {
    const port = await freePort();
    const error = await connectTo(emu, {
      authUrl: `http://127.0.0.1:${port}/t/oauth2/token`,
      retry: { limit: 1, baseDelayMs: 1 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/no answer.*ECONNREFUSED/s);
    expect((error as AuthError).cause).toBeInstanceOf(NetworkError);
  });

  it("lets connect be aborted while it waits for the first token", async () => {
    await admin(emu, "faults", { rules: "hang:100%x1@token" });
    const controller = new AbortController();
    const pending = connectTo(emu, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });

  it("retries the token endpoint through 503s", async () => {
    await admin(emu, "faults", { rules: "503:100%x2@token" });
    const fresh = await connectTo(emu);
    expect(fresh.token.expiresAt).toBeInstanceOf(Date);
    await fresh.close();
  });

  it("refuses to send a bearer token or the secret over plain http to a remote host", async () => {
    const error = await connectTo(emu, { authUrl: "http://login.example.com/t/oauth2/token" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const remote = await connectTo(emu, { apiUrl: "http://ti.example.com/V1.0" });
    const wire = recordWire(remote);
    await expect(remote.alerts.list()).rejects.toThrow(
      /Refusing to send a bearer token to http:\/\/ti.example.com/,
    );
    expect(wire).toHaveLength(0);
    await remote.close();
  });

  it("refuses calls on a closed session with a clear message", async () => {
    const short = await connectTo(emu);
    await short.close();
    await short.close();
    await expect(short.alerts.list()).rejects.toThrow(/session is closed/);
  });

  it("reports a refused API connection as a NetworkError after retries", async () => {
    const port = await freePort();
    const offline = await connectTo(emu, {
      apiUrl: `http://127.0.0.1:${port}/V1.0`,
      retry: { limit: 1, baseDelayMs: 1 },
    });
    const error = await offline.alerts.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /GET http:\/\/127.0.0.1:\d+\/V1.0\/AlertDefinitions failed: ECONNREFUSED/,
    );
    await offline.close();
  });
});
