import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";

const emulator = await startTestEmulator();
const v2Url = emulator.authUrl.replace("/oauth2/token", "/oauth2/v2.0/token");

async function post(
  url: string,
  form: Record<string, string>,
  contentType = "application/x-www-form-urlencoded",
) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const good = () => ({
  grant_type: "client_credentials",
  client_id: emulator.clientId,
  client_secret: emulator.clientSecret,
  resource: "https://graph.windows.net",
});

function expectAadError(body: Record<string, unknown>, error: string, code: number): void {
  expect(body).toMatchObject({ error, error_codes: [code] });
  expect(body["error_description"]).toMatch(new RegExp(`^AADSTS${code}: `));
  for (const field of ["trace_id", "correlation_id", "timestamp"]) expect(typeof body[field]).toBe("string");
}

describe("the token endpoints", () => {
  it("accepts both documented resources and echoes them", async () => {
    for (const resource of ["https://graph.windows.net", "https://graph.microsoft.com"]) {
      const r = await post(emulator.authUrl, { ...good(), resource });
      expect(r.status).toBe(200);
      expect(r.body["resource"]).toBe(resource);
    }
  });

  it("puts AAD v1 claims in a three-part JWT", async () => {
    const r = await post(emulator.authUrl, good());
    const [, payload] = String(r.body["access_token"]).split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      aud: "https://graph.windows.net",
      appid: emulator.clientId,
      tid: emulator.tenantId,
    });
    expect(Number(claims["exp"]) - Number(claims["iat"])).toBeGreaterThanOrEqual(3599);
    expect(Number(claims["exp"]) - Number(claims["iat"])).toBeLessThanOrEqual(3600);
  });

  it("issues v2.0 tokens for a <resource>/.default scope with numeric lifetimes", async () => {
    const { resource, ...rest } = good();
    const r = await post(v2Url, { ...rest, scope: `${resource}/.default` });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
  });

  it("refuses a wrong secret with 401 invalid_client", async () => {
    const r = await post(emulator.authUrl, { ...good(), client_secret: "wrong" });
    expect(r.status).toBe(401);
    expectAadError(r.body, "invalid_client", 7000215);
    expect(JSON.stringify(r.body)).not.toContain(emulator.clientSecret);
  });

  it("refuses an unknown client id with 401 invalid_client", async () => {
    const r = await post(emulator.authUrl, { ...good(), client_id: "someone-else" });
    expect(r.status).toBe(401);
    expectAadError(r.body, "invalid_client", 700016);
  });

  it("refuses another grant type with 400 unsupported_grant_type", async () => {
    const r = await post(emulator.authUrl, { ...good(), grant_type: "password" });
    expect(r.status).toBe(400);
    expectAadError(r.body, "unsupported_grant_type", 70003);
  });

  it("names a missing parameter with 400 invalid_request", async () => {
    const { resource: _resource, ...rest } = good();
    const r = await post(emulator.authUrl, rest);
    expect(r.status).toBe(400);
    expectAadError(r.body, "invalid_request", 900144);
    expect(r.body["error_description"]).toContain("'resource'");
  });

  it("refuses an unknown resource and a malformed scope", async () => {
    const r = await post(emulator.authUrl, { ...good(), resource: "https://example.com" });
    expectAadError(r.body, "invalid_resource", 500011);
    const { resource: _resource, ...rest } = good();
    const v2 = await post(v2Url, { ...rest, scope: "https://graph.windows.net" });
    expectAadError(v2.body, "invalid_scope", 70011);
  });

  it("refuses another tenant and a JSON body", async () => {
    const other = await post(emulator.authUrl.replace(emulator.tenantId, "other-tenant"), good());
    expectAadError(other.body, "invalid_request", 90002);
    const json = await post(emulator.authUrl, good(), "application/json");
    expect(json.status).toBe(400);
  });

  it("answers GET on the token endpoint with 405", async () => {
    const response = await fetch(emulator.authUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
