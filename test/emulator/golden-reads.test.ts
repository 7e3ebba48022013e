import { beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  caller,
  definitionBody,
  iocBody,
  normalise,
  resetEmulator,
  GOLDEN_DEFINITION,
  GOLDEN_IOC,
} from "./support.js";

// Golden shapes from ti-api.md Part 1 (the docs' request/response samples), with dates, guids and the port normalised.
const emulator = await startTestEmulator();
const call = caller(emulator);

const DEFINITION = GOLDEN_DEFINITION;
const IOC = GOLDEN_IOC;

beforeEach(() => resetEmulator(emulator));

describe("the documented samples: tokens and reads", () => {
  it("issues a v1 token whose numbers are strings, as in the docs' sample reply", async () => {
    const response = await fetch(emulator.authUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        resource: "https://graph.microsoft.com",
      }),
    });
    const body = (await response.json()) as Record<string, string>;
    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(
      [
        "access_token",
        "expires_in",
        "expires_on",
        "ext_expires_in",
        "not_before",
        "resource",
        "token_type",
      ].sort(),
    );
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: "3599",
      ext_expires_in: "0",
      resource: "https://graph.microsoft.com",
    });
    // expires_on is rounded up to the next second, so the token lives at least the announced 3599 s.
    expect(Number(body["expires_on"]) - Number(body["not_before"])).toBeGreaterThanOrEqual(3599);
    expect(Number(body["expires_on"]) - Number(body["not_before"])).toBeLessThanOrEqual(3600);
  });

  it("lists an empty collection on first use", async () => {
    const r = await call("GET", "/V1.0/AlertDefinitions", { headers: { accept: "application/json" } });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual({
      "@odata.context": "<url>/V1.0/$metadata#AlertDefinitions",
      value: [],
    });
  });

  it("gets one IOC by key with odata.metadata=none as the bare entity", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    const r = await call("GET", "/V1.0/IndicatorsOfCompromise(1)", {
      headers: { accept: "application/json;odata.metadata=none" },
    });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual(IOC);
    expect(r.headers.get("content-type")).toMatch(/odata.metadata=none/);
  });

  it("lists what was created with the documented context", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const r = await call("GET", "/V1.0/AlertDefinitions");
    expect(normalise(r.json)).toEqual({
      "@odata.context": "<url>/V1.0/$metadata#AlertDefinitions",
      value: [DEFINITION],
    });
  });

  it("serves the same API under v1.0 and V1.0", async () => {
    await call("POST", "/v1.0/AlertDefinitions", { body: definitionBody() });
    const r = await call("GET", "/v1.0/AlertDefinitions(1)");
    expect(r.status).toBe(200);
    expect(r.json["@odata.context"]).toBe(`${emulator.url}/v1.0/$metadata#AlertDefinitions/$entity`);
  });
});
