import { beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { admin, alertInput, connectTo } from "../client/support.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { RequestLogEntry } from "../../src/http/index.js";
import { exchangeBundle, requestTimeline } from "../../src/notebook/index.js";

let emu: RunningEmulator;
let wire: RequestLogEntry[];
let alertId: number;
beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true, seed: "sample" });
  wire = [];
  const session = await connectTo(emu, { onRequest: (entry) => wire.push(entry) });
  alertId = (await session.alerts.create(alertInput("shown"))).Id;
  await session.iocs.create({
    Type: "Sha1",
    Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
    DetectionFunction: "Equals",
    Enabled: true,
    AlertDefinition: alertId,
  });
  await session.iocs.list();
  await admin(emu, "faults", { rules: "503:100%x1" });
  await session.alerts.list({ top: 1 }).catch(() => undefined);
  await admin(emu, "faults", { rules: "" });
  await session.close();
});

describe("exchangeBundle", () => {
  it("shows the token request on Azure AD's URL with the form's secret and the reply's token redacted", () => {
    const bundle = exchangeBundle(wire[0]!);
    const text = bundle["text/plain"];
    expect(text).toMatch(/^POST https:\/\/login\.windows\.net\/[\w-]+\/oauth2\/token → 200 OK \(\d+ ms\)/);
    expect(text).toContain(`(sent to the emulator at ${emu.authUrl})`);
    expect(text).toContain('"client_secret": "[redacted]"');
    expect(text).toContain('"access_token": "[redacted]"');
    expect(text).not.toContain(emu.clientSecret);
    expect(text).not.toMatch(/eyJ[\w-]{5,}\./);
    expect(bundle["text/html"]).toContain("&#34;client_secret&#34;: &#34;[redacted]&#34;");
  });

  it("shows the IOC's create with the AlertDefinition@odata.bind that was sent, on the real service's URL", () => {
    const bundle = exchangeBundle(wire[2]!);
    expect(bundle["text/plain"]).toMatch(
      /^POST https:\/\/ti\.securitycenter\.windows\.com\/V1\.0\/IndicatorsOfCompromise → 201 Created/,
    );
    expect(bundle["text/plain"]).toContain(`"AlertDefinition@odata.bind": "AlertDefinitions(${alertId})"`);
    expect(bundle["text/html"]).toMatch(/^<div class="ti-exchange"><p><b>POST<\/b> <code>https:/);
    expect(bundle["text/html"]).toContain("&#34;AlertDefinition@odata.bind&#34;");
  });

  it("cuts a page of entities to the first few, saying how many more there are", () => {
    const text = exchangeBundle(wire[3]!, { maxItems: 2 })["text/plain"];
    const reply = JSON.parse(text.slice(text.indexOf("Reply:\n") + 7)) as { value: unknown[] };
    expect(reply.value).toHaveLength(3);
    expect(reply.value[2]).toMatch(/^… \d+ more$/);
    expect(text).toContain(
      '"@odata.context": "https://ti.securitycenter.windows.com/V1.0/$metadata#IndicatorsOfCompromise"',
    );
    expect(text).not.toContain(`${emu.url}/V1.0/$metadata`);
  });
});

describe("requestTimeline", () => {
  it("lists each attempt with its start, status, attempt number and the wait before it", () => {
    const rows = requestTimeline(wire.slice(4));
    expect(rows.map(({ Method, Status, Attempt }) => [Method, Status, Attempt])).toEqual([
      ["GET", 503, 1],
      ["GET", 200, 2],
    ]);
    expect(rows[0]).toMatchObject({ At: "+0.000 s", Path: "/V1.0/AlertDefinitions?$top=1", WaitedMs: 0 });
    expect(rows[1]!.WaitedMs).toBeGreaterThanOrEqual(1000);
    expect(Number(rows[1]!.At.slice(1, -2))).toBeGreaterThanOrEqual(1);
  });
});
