import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { selectFromStore, countFromStore } from "../../src/emulator/query/indexed.js";
import { parseQuery } from "../../src/emulator/query/options.js";
import { sortValues } from "../../src/emulator/query/orderby.js";
import { encodeSkipToken } from "../../src/emulator/query/paging.js";
import { matches, selectWindow } from "../../src/emulator/query/window.js";
import { MemoryStore } from "../../src/emulator/store/memory.js";
import type { Change, Entity } from "../../src/emulator/store/store.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody, iocBody } from "./support.js";

// The indexed path (store indexes, cached orders, binary-searched skiptokens) against the plain evaluation of the
// same query over a scan of the set, page by page, with writes between pages: same entities, same order, same
// count, and so the same next links (a link is the request's query plus the last entity's sort values).
const SET = "IndicatorsOfCompromise";
const emulator = await startTestEmulator({ pageSize: 3 });
const call = caller(emulator);
const TYPES = ["FileSha1", "FileSha256", "IpAddress", "DomainName", "Url"];
const VALUES = ["a", "b", "c", "d", "it's", "", "B"];

const ioc = (Id: number, r: number[]): Entity => ({
  Id,
  Type: TYPES[(r[0] ?? 0) % TYPES.length],
  Value: VALUES[(r[1] ?? 0) % VALUES.length],
  DetectionFunction: (r[2] ?? 0) % 3 === 0 ? null : "Equals",
  Enabled: (r[3] ?? 0) % 2 === 0,
  ExpiresAt: (r[4] ?? 0) % 4 === 0 ? null : `2030-01-0${1 + ((r[4] ?? 0) % 5)}T00:00:00Z`,
  AlertDefinitionId: 1 + ((r[5] ?? 0) % 4),
  CreatedAt: "2026-01-01T00:00:00Z",
  CreatedBy: "x",
});

const lit = (v: string | number | null) =>
  v === null ? "null" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
const indexedLeaf = fc.oneof(
  fc
    .tuple(fc.constantFrom("Value", "Type"), fc.constantFrom<string | null>(...VALUES, ...TYPES, null))
    .map(([p, v]) => `${p} eq ${lit(v)}`),
  fc.tuple(fc.constantFrom(...VALUES, null), fc.constant("Value")).map(([v, p]) => `${lit(v)} eq ${p}`),
  fc.integer({ min: 0, max: 5 }).map((n) => `AlertDefinitionId eq ${n}`),
  fc
    .array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 4 })
    .map((vs) => `Value in (${vs.map(lit).join(",")})`),
);
const otherLeaf = fc.constantFrom(
  "Enabled",
  "contains(Value,'a')",
  "Type ne 'Url'",
  "DetectionFunction eq null",
  "ExpiresAt gt 2030-01-02T00:00:00Z",
  "Id lt 20",
  "(Value eq 'a') eq true",
);
const filter: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small" },
    indexedLeaf,
    otherLeaf,
    fc.tuple(tie("f"), fc.constantFrom("and", "or"), tie("f")).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc.tuple(indexedLeaf, fc.constantFrom("and", "or"), indexedLeaf).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie("f").map((f) => `not (${f})`),
  ),
})).f;
const orderBy = fc.array(
  fc
    .tuple(
      fc.constantFrom(
        "Value",
        "Type",
        "AlertDefinitionId",
        "ExpiresAt",
        "Enabled",
        "DetectionFunction",
        "Id",
      ),
      fc.constantFrom("", " desc"),
    )
    .map(([k, d]) => k + d),
  { maxLength: 3 },
);
const write = fc.tuple(
  fc.constantFrom("put", "update", "delete"),
  fc.nat(),
  fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
);

function applyWrite(store: MemoryStore, [op, pick, r]: [string, number, number[]]): void {
  const held = [...store.all(SET)];
  const target = held[pick % Math.max(1, held.length)];
  let change: Change;
  if (op === "put" || !target) change = { op: "put", set: SET, entity: ioc(store.allocateIds(SET, 1), r) };
  else if (op === "update") change = { op: "put", set: SET, entity: { ...ioc(target.Id, r) } };
  else change = { op: "delete", set: SET, id: target.Id };
  store.commit([change]);
}

describe("indexed queries", () => {
  it("answer every page as the plain evaluation does, with writes between pages", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), { maxLength: 60 }),
        fc.option(filter, { nil: undefined }),
        orderBy,
        fc.record({
          take: fc.integer({ min: 1, max: 9 }),
          count: fc.boolean(),
          skip: fc.nat(4),
          top: fc.option(fc.nat(30), { nil: undefined }),
        }),
        fc.array(fc.array(write, { maxLength: 3 }), { maxLength: 12 }),
        (seed, $filter, keys, { take, count, skip, top }, writes) => {
          const store = new MemoryStore();
          store.commit(seed.map((r) => ({ op: "put", set: SET, entity: ioc(store.allocateIds(SET, 1), r) })));
          const query = new URLSearchParams();
          if ($filter !== undefined) query.set("$filter", $filter);
          if (keys.length > 0) query.set("$orderby", keys.join(","));
          if (count) query.set("$count", "true");
          if (skip) query.set("$skip", String(skip));
          if (top !== undefined) query.set("$top", String(top));
          for (let page = 0; page < 14; page++) {
            const options = parseQuery(SET, query);
            const fast = selectFromStore(store, SET, options, query, take);
            const plain = selectWindow([...store.all(SET)], options, take);
            expect(fast.rest.slice(0, take + 1).map((e) => e.Id)).toEqual(
              plain.rest.slice(0, take + 1).map((e) => e.Id),
            );
            expect(fast.total).toBe(plain.total);
            expect(countFromStore(store, SET, options, query)).toBe(matches(store.all(SET), options).length);
            const last = plain.rest[take - 1];
            if (plain.rest.length <= take || !last) break;
            query.delete("$skip");
            query.set("$skiptoken", encodeSkipToken(sortValues(last, options.orderBy)));
            for (const w of writes[page] ?? []) applyWrite(store, w);
          }
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  });
});

describe("queries over HTTP on the indexed path", () => {
  beforeAll(async () => {
    await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", {
      body: { alertDefinitions: [definitionBody(), definitionBody()] },
    });
    const iocs = Array.from({ length: 10 }, (_, i) =>
      iocBody((i % 2) + 1, { Type: "DomainName", Value: `host${9 - i}.example` }),
    );
    await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", { body: { iocs } });
  });

  it("refuses more than 8 $orderby keys, naming the rule", async () => {
    const nine = Array.from({ length: 9 }, () => "Value").join(",");
    const r = await call("GET", `/V1.0/IndicatorsOfCompromise?$orderby=${nine}`);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("$orderby: at most 8 keys, got 9");
    const eight = await call("GET", `/V1.0/IndicatorsOfCompromise?$orderby=${nine.slice(6)}`);
    expect(eight.status).toBe(200);
  });

  it("walks $orderby=Value with $count by next links, seeing a write made between pages", async () => {
    const seen: string[] = [];
    const counts: number[] = [];
    let next: string | undefined =
      "/V1.0/IndicatorsOfCompromise?$orderby=Value&$count=true&$filter=Type eq 'DomainName'";
    for (let page = 0; next; page++) {
      const r = await call("GET", next.replace(emulator.url, ""));
      seen.push(...r.json.value.map((e: { Value: string }) => e.Value));
      counts.push(r.json["@odata.count"]);
      next = r.json["@odata.nextLink"];
      if (page === 0) {
        const late = [iocBody(1, { Type: "DomainName", Value: "host99.example" })];
        await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", { body: { iocs: late } });
      }
    }
    const expected = [...Array.from({ length: 10 }, (_, i) => `host${i}.example`), "host99.example"].sort();
    expect(seen).toEqual(expected);
    expect(counts).toEqual([10, 11, 11, 11]);
    const values = "'host3.example','host7.example','nowhere'";
    const lookup = await call("GET", `/V1.0/IndicatorsOfCompromise/$count?$filter=Value in (${values})`);
    expect(lookup.text).toBe("2");
  });
});
