// A plain-text feed into the Indicators API: a line that is an http(s) URL (defanged `hxxp` and `[.]` restored)
// is a Url indicator there; custom TI's import, which has no URL type, still refuses it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import { readInput } from "../../src/bulk/index.js";
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

const FEED =
  "# weekly\nhttps://evil.example/payload\nhxxps://evil[.]example/drop?x=1\nevil.example\nftp://evil.example/\n";

describe("URLs in a plain-text feed", () => {
  it("import as Url indicators, the defanged one restored; what is no indicator is refused by line", async () => {
    const plan = await session.indicators.import(FEED, {
      format: "text",
      action: "Block",
      title: "Text feed",
      description: "one value per line",
    });
    expect(plan.counts).toMatchObject({ rows: 4, create: 3, rejected: 1 });
    expect(plan.rejected.map((r) => [r.line, r.value])).toEqual([[5, "ftp://evil.example/"]]);
    await plan.apply({ confirm: true });
    const stored = await session.indicators.list({ filter: "title eq 'Text feed'" }).toArray();
    expect(stored.map((i) => [i.indicatorType, i.indicatorValue]).sort()).toEqual([
      ["DomainName", "evil.example"],
      ["Url", "https://evil.example/drop?x=1"],
      ["Url", "https://evil.example/payload"],
    ]);
  });

  it("are refused for custom TI, as before", async () => {
    const read = await readInput(FEED, { format: "text" });
    expect(read.rows.map((r) => r.fields["Type"])).toEqual(["DomainName"]);
    expect(read.rejected.map((r) => r.line)).toEqual([2, 3, 5]);
  });
});
