import { describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID } from "../../../src/emulator/index.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { indicatorBody, indicatorCaller, sha256Of } from "./support.js";

const OWN = "3c1e2d4f-0000-4000-8000-0000000000aa";
const emu = await startTestEmulator({
  quiet: true,
  clientRoles: { [DEMO_CLIENT_ID]: ["Ti.ReadWrite.All"], [OWN]: ["Ti.ReadWrite"] },
});
// Every indicator is the OWN app's: it sees them all through its own (createdBy) path, the .All app through the
// plain indexed one; an app with none of them sees none.
const own = indicatorCaller(emu, { clientId: OWN });
const all = indicatorCaller(emu);
const other = indicatorCaller(emu, { clientId: "3c1e2d4f-0000-4000-8000-0000000000bb" });

const TYPES = ["FileSha256", "DomainName", "IpAddress"] as const;
function item(n: number): Record<string, unknown> {
  const type = TYPES[n % 3]!;
  const value =
    type === "FileSha256"
      ? sha256Of(n % 40)
      : type === "DomainName"
        ? `d${n % 17}.example`
        : `203.0.113.${n % 50}`;
  const action = ["Block", "Audit", "Allowed"][n % 4 === 0 ? 1 : n % 2]!;
  return indicatorBody({
    indicatorType: type,
    indicatorValue: value,
    action,
    generateAlert: action === "Audit",
    severity: ["Low", "Medium", "High"][n % 3],
    title: `t${n % 11}`,
  });
}

/** Every page of a walk with pages of 7, following nextLink. */
async function walk(call: typeof own, query: string): Promise<unknown[]> {
  const pages: unknown[] = [];
  let path: string | undefined = `/api/indicators?${query}`;
  while (path) {
    const r = await call("GET", path, { headers: { prefer: "odata.maxpagesize=7" } });
    expect([query, r.status]).toEqual([query, 200]);
    pages.push({ count: r.json["@odata.count"], value: r.json.value });
    path = r.json["@odata.nextLink"]?.replace(emu.url, "");
  }
  return pages;
}

describe("the Indicators API list through the store's indexes", { timeout: 60_000 }, () => {
  it("pages exactly as the plain scan, for indexed filters, $orderby and $count, with writes between walks", async () => {
    const imported = await own("POST", "/api/indicators/import", {
      body: { Indicators: Array.from({ length: 300 }, (_, n) => item(n)) },
    });
    expect(imported.status).toBe(200);
    const queries = [
      "",
      "$count=true",
      "$orderby=indicatorValue",
      "$orderby=severity desc,title&$count=true",
      "$filter=action eq 'Audit'&$count=true",
      "$filter=indicatorType eq 'DomainName' and action eq 'Block'&$orderby=indicatorValue desc",
      "$filter=indicatorValue in ('d3.example','203.0.113.7','nothing.example')",
      "$filter=indicatorType eq 'IpAddress' or indicatorValue eq 'd1.example'&$count=true",
      "$filter=severity eq 'High'&$orderby=indicatorValue&$top=30",
      "$skip=5&$top=20&$orderby=title",
    ].map((q) => q.replaceAll(" ", "%20"));
    for (let round = 0; round < 2; round++) {
      for (const query of queries)
        expect([query, await walk(all, query)]).toEqual([query, await walk(own, query)]);
      // A write between walks must be seen by the next walk (the cached results belong to one store version).
      const id = imported.json.value[round * 50].id;
      expect((await own("DELETE", `/api/indicators/${id}`)).status).toBe(204);
      expect((await own("POST", "/api/indicators", { body: item(1000) })).status).toBe(200);
    }
  });
});
