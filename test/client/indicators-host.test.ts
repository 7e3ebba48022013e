// A documented Indicators API host given without a path (`https://eu.api.security.microsoft.com`) is the
// Indicators API: its calls go under `/api`, where the service is, not under the bare host.
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { normalizeConnectOptions } from "../../src/connect.js";
import { INDICATORS_API_HOSTS } from "../../src/schema/index.js";
import { connectTo } from "./support.js";

const credentials = {
  authUrl: "https://login.example/t/oauth2/v2.0/token",
  clientId: "c",
  clientSecret: "s",
};

describe("an Indicators API host without a path", () => {
  it("becomes <host>/api for every documented host, and a given path is kept", () => {
    for (const host of INDICATORS_API_HOSTS) {
      const s = normalizeConnectOptions({ ...credentials, env: {}, apiUrl: `https://${host}/` });
      expect(s).toMatchObject({ service: "indicators", apiUrl: `https://${host}/api` });
    }
    const versioned = normalizeConnectOptions({
      ...credentials,
      env: {},
      apiUrl: "https://us.api.security.microsoft.com/api/v1.0",
    });
    expect(versioned.apiUrl).toBe("https://us.api.security.microsoft.com/api/v1.0");
    const custom = normalizeConnectOptions({ ...credentials, env: {}, apiUrl: "https://ti.example/V1.0" });
    expect(custom.apiUrl).toBe("https://ti.example/V1.0");
  });

  it("reaches the Indicators API when service: indicators is given with the bare origin", async () => {
    const emu = await startTestEmulator({ quiet: true, seed: "sample" });
    const session = await connectTo(emu, {
      service: "indicators",
      apiUrl: emu.url,
      authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
    });
    expect(session.config.apiUrl).toBe(`${emu.url}/api`);
    expect(await session.indicators.count()).toBeGreaterThan(0);
    await session.close();
  });
});
