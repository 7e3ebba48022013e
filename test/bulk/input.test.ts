import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { normalizeRows, readInput } from "../../src/bulk/index.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/bulk/${name}`, import.meta.url));

describe("reading import inputs", () => {
  it("reads CSV with case-insensitive headers, keeping each row's line number", async () => {
    const read = await readInput(fixture("iocs.csv"));
    expect(read.format).toBe("csv");
    expect(read.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    const { candidates, rejected } = normalizeRows(read.rows, { alertId: 7 });
    expect(rejected).toEqual([]);
    expect(candidates[0]?.body).toMatchObject({
      Type: "Sha1",
      Value: "8311e8b377736fb93b18b15372355f3f26c4cd29",
    });
    expect(candidates[1]?.body).toMatchObject({
      Type: "Sha256",
      DetectionFunction: "Equals",
      Enabled: false,
    });
    expect(candidates[4]?.body).toMatchObject({
      Value: "malware.example.com",
      "AlertDefinition@odata.bind": "AlertDefinitions(7)",
    });
    expect(candidates[5]?.body).toMatchObject({ DetectionFunction: "EndWith" });
  });

  it("rejects bad rows with line, field and rule while the good rows proceed", async () => {
    const { rows, rejected: unreadable } = await readInput(fixture("bad-rows.csv"));
    const { candidates, rejected } = normalizeRows(rows, { alertId: 1 });
    expect(unreadable).toEqual([]);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [2, "Value"],
      [3, "Value"],
      [4, "Value"],
      [5, "Type"],
      [6, "Value"],
    ]);
    expect(rejected[0]?.rule).toMatch(/40 hexadecimal/);
    expect(rejected[1]?.rule).toMatch(/CIDR/);
    expect(rejected[3]?.reason).toMatch(/"Url" is not one of/);
    expect(candidates.map((c) => c.line)).toEqual([7, 8, 9]);
  });

  it("reads a JSON array and an object with an iocs array, with the line each object starts on", async () => {
    const array = await readInput(fixture("iocs.json"));
    expect(array.rows.map((r) => r.line)).toEqual([2, 3, 8]);
    const wrapped = await readInput(fixture("iocs-wrapped.json"));
    expect(wrapped.rows.map((r) => r.line)).toEqual([4, 5, 6]);
    const { candidates, rejected } = normalizeRows(wrapped.rows, { alertId: 1 });
    expect(candidates.map((c) => c.body["Value"])).toEqual([
      "098f6bcd4621d373cade4e832627b4f6",
      "2001:0db8:0000:0000:0000:ff00:0042:8329",
    ]);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([[5, "Value"]]);
  });

  it("reads plain text, inferring types and skipping comments and blank lines", async () => {
    const read = await readInput(fixture("feed.txt"));
    expect(read.format).toBe("text");
    expect(read.rows.map((r) => [r.line, r.fields["Type"]])).toEqual([
      [3, "Sha1"],
      [4, "IpAddress"],
      [5, "DomainName"],
      [6, "Md5"],
      [9, "Sha256"],
    ]);
    expect(read.rows[2]?.fields["Value"]).toBe("malware.example.com");
    expect(read.rejected.map((r) => [r.line, r.value])).toEqual([[8, "10.0.0.0/8"]]);
  });

  it("reads STIX 2.1 indicators and rejects patterns it cannot map, with reasons", async () => {
    const read = await readInput(fixture("bundle.stix.json"));
    expect(read.format).toBe("stix");
    expect(read.rows.map((r) => [r.line, r.fields["Type"]])).toEqual([
      [5, "Sha256"],
      [14, "Sha1"],
      [22, "Md5"],
      [30, "IpAddress"],
      [38, "IpAddress"],
      [46, "DomainName"],
    ]);
    expect(read.rows[0]?.fields["ExpiresAt"]).toBe("2030-12-31T00:00:00Z");
    expect(read.rejected.map((r) => [r.line, r.field])).toEqual([
      [54, "pattern"],
      [62, "pattern"],
    ]);
    expect(read.warnings).toEqual(["1 STIX object(s) other than indicators were ignored"]);
  });

  it("detects the format of a string by its content and accepts arrays of objects", async () => {
    expect((await readInput("type,value\nMd5,d41d8cd98f00b204e9800998ecf8427e\n")).format).toBe("csv");
    expect((await readInput("52.184.197.12\nexample.com\n")).format).toBe("text");
    expect((await readInput("Value\nexample.com\n")).format).toBe("csv");
    await expect(readInput("no-such-feed.csv")).rejects.toThrow(/names no readable file/);
    // The path, as the process resolved it, is in the message: a typo or the wrong directory shows at once.
    await expect(readInput("./feeds/no-such-feed.csv")).rejects.toThrow(
      `input: "./feeds/no-such-feed.csv" names no readable file (${join(process.cwd(), "feeds", "no-such-feed.csv")}: no such file)`,
    );
    expect((await readInput('[{"Type":"Md5","Value":"x"}]')).format).toBe("json");
    const objects = await readInput([{ Type: "Md5", Value: "d41d8cd98f00b204e9800998ecf8427e" }]);
    expect(objects.rows).toEqual([
      { line: 1, fields: { Type: "Md5", Value: "d41d8cd98f00b204e9800998ecf8427e" } },
    ]);
  });

  it("collapses in-file duplicates after normalisation and reports them with both lines", async () => {
    const read = await readInput(
      "type,value,enabled\nSha1,AA" + "a".repeat(38) + ",true\nsha1, " + "a".repeat(40) + ",false\n",
    );
    const { candidates, duplicates } = normalizeRows(read.rows, { alertId: 3 });
    expect(candidates).toHaveLength(1);
    expect(duplicates).toEqual([
      { line: 3, duplicateOf: 2, key: `Sha1|${"a".repeat(40)}|Equals|3`, conflicting: true },
    ]);
  });

  it("takes the alert definition from a column when given, and rejects rows with none", async () => {
    const read = await readInput("value,alertdefinition\nexample.com,AlertDefinitions(4)\nexample.org,\n");
    const { candidates, rejected } = normalizeRows(read.rows, {});
    expect(candidates.map((c) => c.alertId)).toEqual([4]);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([[3, "AlertDefinition"]]);
  });
});
