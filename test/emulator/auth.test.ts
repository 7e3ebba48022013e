import { describe, expect, it } from "vitest";
import { fetchTestToken, startTestEmulator } from "../helpers/emulator.js";
import { JSON_TYPE } from "./support.js";

const emulator = await startTestEmulator();
// Expiry is judged by the emulator's clock, injected here so that the test moves time instead of waiting.
let shortLivedNowMs = Date.now();
const shortLived = await startTestEmulator({ tokenLifetimeSeconds: 1, now: () => shortLivedNowMs });
const other = await startTestEmulator({ clientSecret: "other-secret" });

async function list(target = emulator, authorization?: string) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const response = await fetch(`${target.apiUrl}/AlertDefinitions`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

function expectUnauthorized(r: Awaited<ReturnType<typeof list>>, why: RegExp): void {
  expect(r.status).toBe(401);
  expect(r.body.error.code).toBe("Unauthorized");
  expect(r.body.error.message).toMatch(why);
  expect(r.body.error.target).toBe(r.headers.get("request-id"));
  expect(r.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
}

describe("bearer checks on the API", () => {
  it("accepts a token from the token endpoint", async () => {
    expect((await list(emulator, `Bearer ${await fetchTestToken(emulator)}`)).status).toBe(200);
  });

  it("refuses a request without a token", async () => {
    expectUnauthorized(await list(), /no Authorization header/);
  });

  it("refuses a malformed header and a token that is not a JWT", async () => {
    expectUnauthorized(await list(emulator, "Basic abc"), /not of the form/);
    expectUnauthorized(await list(emulator, "Bearer not-a-jwt"), /not a JWT/);
  });

  it("refuses a forged token: the payload changed after signing", async () => {
    const [header, payload, signature] = (await fetchTestToken(emulator)).split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims["exp"]) + 86_400 })).toString(
      "base64url",
    );
    expectUnauthorized(await list(emulator, `Bearer ${header}.${forged}.${signature}`), /signature/);
  });

  it("refuses a token signed by another emulator", async () => {
    expectUnauthorized(await list(emulator, `Bearer ${await fetchTestToken(other)}`), /signature/);
  });

  it("refuses a token for another audience", async () => {
    const token = await fetchTestToken(emulator, "https://api.securitycenter.microsoft.com");
    expectUnauthorized(await list(emulator, `Bearer ${token}`), /audience/);
  });

  it("refuses an expired token", async () => {
    const token = await fetchTestToken(shortLived);
    expect((await list(shortLived, `Bearer ${token}`)).status).toBe(200);
    shortLivedNowMs += 2_100;
    expectUnauthorized(await list(shortLived, `Bearer ${token}`), /expired/);
  });

  it("revokes every token on POST /_emulator/revoke, and a new token works at once", async () => {
    const before = await fetchTestToken(emulator);
    expect(
      (await fetch(`${emulator.url}/_emulator/revoke`, { method: "POST", headers: JSON_TYPE })).status,
    ).toBe(200);
    expectUnauthorized(await list(emulator, `Bearer ${before}`), /signature/);
    expect((await list(emulator, `Bearer ${await fetchTestToken(emulator)}`)).status).toBe(200);
  });

  it("serves the admin endpoints without a token", async () => {
    const response = await fetch(`${emulator.url}/_emulator/stats`);
    expect(response.status).toBe(200);
    const stats = (await response.json()) as Record<string, unknown>;
    expect(stats["tokensIssued"]).toBeGreaterThan(0);
    expect(stats["responses"]).toHaveProperty("401");
  });

  it("hides the client secret from util.inspect and JSON", async () => {
    const { inspect } = await import("node:util");
    expect(inspect(emulator, { depth: 5 })).not.toContain(emulator.clientSecret);
    expect(JSON.stringify(emulator)).not.toContain(emulator.clientSecret);
    expect(emulator.clientSecret).toBe("ti-console-demo-secret");
  });
});
