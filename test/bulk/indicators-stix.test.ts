// A STIX 2.1 feed into the Indicators API: besides the hashes, IPs and domains custom TI takes, its `url:value`
// and x509 SHA-1 thumbprint patterns are indicators there (Url, CertificateThumbprint), for import and sync alike;
// custom TI's import still refuses them as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { connectTo } from "../client/support.js";

let session: ConnectedSession;

beforeAll(async () => {
  const emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu, {
    apiUrl: `${emu.url}/api`,
    authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
  });
});
afterAll(() => session.close());

const indicator = (n: number, pattern: string) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--00000000-0000-4000-8000-00000000000${n}`,
  created: "2026-01-01T00:00:00Z",
  modified: "2026-01-01T00:00:00Z",
  valid_from: "2026-01-01T00:00:00Z",
  valid_until: "2099-01-01T00:00:00Z",
  pattern_type: "stix",
  pattern,
});
const THUMBPRINT = "a".repeat(40);
const BUNDLE = JSON.stringify(
  {
    type: "bundle",
    id: "bundle--00000000-0000-4000-8000-000000000000",
    objects: [
      indicator(1, "[url:value = 'https://evil.example/payload']"),
      indicator(2, `[x509-certificate:hashes.'SHA-1' = '${THUMBPRINT}']`),
      indicator(3, "[domain-name:value = 'evil.example']"),
      indicator(4, "[email-addr:value = 'a@evil.example']"),
    ],
  },
  null,
  2,
);
const defaults = { action: "Block" as const, title: "STIX feed", description: "from a STIX bundle" };

describe("a STIX bundle into the Indicators API", () => {
  it("imports url and x509 thumbprint patterns as Url and CertificateThumbprint, refusing what has no type", async () => {
    const plan = await session.indicators.import(BUNDLE, { ...defaults, format: "stix" });
    expect(plan.counts).toMatchObject({ rows: 4, create: 2, rejected: 2 });
    // A certificate takes Allowed or BlockAndRemediate only: Block is refused by Part 5's rule, naming it.
    expect(plan.rejected.map((r) => [r.field, r.value])).toEqual([
      ["action", "Block"],
      ["pattern", "[email-addr:value = 'a@evil.example']"],
    ]);
    await plan.apply({ confirm: true });
    const stored = await session.indicators.list({ filter: "title eq 'STIX feed'" }).toArray();
    expect(stored.map((i) => [i.indicatorType, i.indicatorValue]).sort()).toEqual([
      ["DomainName", "evil.example"],
      ["Url", "https://evil.example/payload"],
    ]);
  });

  it("syncs the same bundle allowed (which a certificate takes), and a second sync plans nothing", async () => {
    const options = { ...defaults, action: "Allowed" as const, owner: "STIX feed", format: "stix" as const };
    const plan = await session.indicators.sync(BUNDLE, options);
    expect(plan.counts).toMatchObject({ rows: 4, create: 3, rejected: 1 });
    await plan.apply({ confirm: true });
    const allowed = await session.indicators.list({ filter: "action eq 'Allowed'" }).toArray();
    expect(allowed.map((i) => i.indicatorType).sort()).toEqual([
      "CertificateThumbprint",
      "DomainName",
      "Url",
    ]);
    const again = await session.indicators.sync(BUNDLE, { ...options, dryRun: true });
    expect(again.counts).toMatchObject({ create: 0, update: 0, delete: 0, unchanged: 3 });
  });
});
