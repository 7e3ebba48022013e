import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, normalise } from "./support.js";

// The three walkthroughs of ti-api.md 1.9, request by request, as the docs' scripts send them.
const emulator = await startTestEmulator();

async function token(resource: string): Promise<string> {
  const response = await fetch(emulator.authUrl, {
    method: "POST",
    // The docs' Python sends the payload dict as a form body; PowerShell posts a hashtable (also a form).
    body: new URLSearchParams({
      resource,
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      grant_type: "client_credentials",
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("the documented walkthroughs", () => {
  it("runs the Python example's five steps", async () => {
    const headers = {
      authorization: `Bearer ${await token("https://graph.windows.net")}`,
      "content-type": "application/json",
      accept: "application/json",
    };
    const call = caller(emulator);
    const list = await call("GET", "/V1.0/AlertDefinitions", { headers });
    expect(list.json.value).toEqual([]);
    const definition = await call("POST", "/V1.0/AlertDefinitions", {
      headers,
      body: {
        Name: "The alert's name",
        Severity: "Low",
        InternalDescription: "An internal description of the Alert",
        Title: "The Title",
        UxDescription: "Description of the alerts",
        RecommendedAction: "The alert's recommended action",
        Category: "Trojan",
        Enabled: true,
      },
    });
    expect(definition.status).toBe(201);
    const ioc = await call("POST", "/V1.0/IndicatorsOfCompromise", {
      headers,
      body: {
        Type: "Sha1",
        Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
        DetectionFunction: "Equals",
        Enabled: true,
        "AlertDefinition@odata.bind": `AlertDefinitions(${definition.json.Id})`,
      },
    });
    expect(ioc.status).toBe(201);
    expect(normalise(ioc.json)).toMatchObject({ Id: 1, AlertDefinitionId: definition.json.Id, Type: "Sha1" });
  });

  it('accepts the PowerShell example\'s Enabled sent as the string "true"', async () => {
    const headers = { authorization: `Bearer ${await token("https://graph.windows.net")}` };
    const call = caller(emulator);
    const r = await call("POST", "/V1.0/AlertDefinitions", {
      headers,
      body: {
        Name: "The alert's name",
        Severity: "Low",
        InternalDescription: "An internal description of the Alert",
        Title: "The Title",
        UxDescription: "Description of the alerts",
        RecommendedAction: "The alert's recommended action",
        Category: "Trojan",
        Enabled: "true",
      },
    });
    expect([r.status, r.json.Enabled]).toEqual([201, true]);
  });

  it("runs the experiment: a Medium SuspiciousNetworkTraffic test alert with the demo IP", async () => {
    const headers = { authorization: `Bearer ${await token("https://graph.windows.net")}` };
    const call = caller(emulator);
    const definition = await call("POST", "/V1.0/AlertDefinitions", {
      headers,
      body: {
        Name: "Test Alert",
        Severity: "Medium",
        InternalDescription: "An alert to test the threat intel API",
        Title: "Test alert.",
        UxDescription: "This is a test alert, triggered manually to prove the threat intel API is enabled.",
        RecommendedAction: "No recommended action, this is a test alert.",
        Category: "SuspiciousNetworkTraffic",
        Enabled: true,
      },
    });
    expect(definition.status).toBe(201);
    const ioc = await call("POST", "/V1.0/IndicatorsOfCompromise", {
      headers,
      body: {
        Type: "IpAddress",
        Value: "52.184.197.12",
        DetectionFunction: "Equals",
        Enabled: true,
        "AlertDefinition@odata.bind": `AlertDefinitions(${definition.json.Id})`,
      },
    });
    expect([ioc.status, ioc.json.Value]).toEqual([201, "52.184.197.12"]);
  });
});
