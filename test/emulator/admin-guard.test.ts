import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { rawRequest } from "./raw.js";
import { caller, definitionBody } from "./support.js";

const emu = await startTestEmulator();
const call = caller(emu);

async function definitions(): Promise<number> {
  const r = await call("GET", "/V1.0/AlertDefinitions?$count=true");
  return r.json["@odata.count"] as number;
}

describe("admin endpoints refuse what a web page can send", () => {
  it("refuses a reset without Content-Type (a no-cors fetch with a blob body) and keeps the store", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const before = await definitions();
    const r = await rawRequest(emu.url, { method: "POST", path: "/_emulator/reset", body: '{"seed":false}' });
    expect(r.status).toBe(415);
    expect(JSON.parse(r.text).error.message).toMatch(/Content-Type must be application\/json/);
    expect(await definitions()).toBe(before);
  });

  it("refuses admin writes sent as text/plain or a form, with or without a body", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      for (const path of ["/_emulator/reset", "/_emulator/revoke"]) {
        const r = await rawRequest(emu.url, { method: "POST", path, headers: { "content-type": type } });
        expect([path, type, r.status]).toEqual([path, type, 415]);
      }
    }
    expect(await definitions()).toBeGreaterThan(0);
  });

  it("refuses cross-site requests by Origin or Sec-Fetch-Site, reads included", async () => {
    const json = { "content-type": "application/json" };
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example", ...json },
      { origin: "null", ...json },
      { "sec-fetch-site": "cross-site", ...json },
      { "sec-fetch-site": "same-site", ...json },
    ];
    for (const headers of crossSite) {
      const write = await rawRequest(emu.url, {
        method: "POST",
        path: "/_emulator/reset",
        headers,
        body: "{}",
      });
      const read = await rawRequest(emu.url, { path: "/_emulator/state", headers });
      expect([headers, write.status, read.status]).toEqual([headers, 403, 403]);
      expect(read.text).not.toContain('AlertDefinitions":[{');
    }
    expect(await definitions()).toBeGreaterThan(0);
  });

  it("answers a same-origin request (Origin naming the emulator itself)", async () => {
    const host = new URL(emu.url).host;
    const r = await rawRequest(emu.url, {
      path: "/_emulator/stats",
      headers: { origin: `http://${host}`, "sec-fetch-site": "same-origin" },
    });
    expect(r.status).toBe(200);
  });

  it("refuses a foreign Host (DNS rebinding) on admin reads and on the API", async () => {
    const port = new URL(emu.url).port;
    for (const path of ["/_emulator/state", "/V1.0/AlertDefinitions", `/${emu.tenantId}/oauth2/token`]) {
      const r = await rawRequest(emu.url, { path, headers: { host: `rebind.evil.example:${port}` } });
      expect([path, r.status]).toEqual([path, 421]);
      expect(r.text).not.toContain("CreatedBy");
    }
  });

  it("answers when Host is localhost or an IP address of this machine", async () => {
    const port = new URL(emu.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, "127.0.0.1"]) {
      const r = await rawRequest(emu.url, { path: "/_emulator/stats", headers: { host } });
      expect([host, r.status]).toEqual([host, 200]);
    }
  });
});

describe("the Host header never routes", () => {
  it("serves the API path of the request line, not one smuggled in Host", async () => {
    const r = await rawRequest(emu.url, {
      path: "/V1.0/AlertDefinitions",
      headers: { host: "127.0.0.1/_emulator/state?" },
    });
    expect(r.text).not.toContain('IndicatorsOfCompromise":[');
    expect([400, 401, 421]).toContain(r.status);
  });

  it("routes by the request line even when Host is well formed", async () => {
    const port = new URL(emu.url).port;
    const r = await rawRequest(emu.url, {
      path: "/V1.0/AlertDefinitions",
      headers: { host: `127.0.0.1:${port}` },
    });
    expect(r.status).toBe(401);
  });
});
