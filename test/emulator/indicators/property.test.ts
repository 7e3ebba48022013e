import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indicatorKey, INDICATOR_FIELDS } from "../../../src/schema/index.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { indicatorBody, indicatorCaller } from "./support.js";

// Random submit and import bodies: the reply is a 200 (with per-item results for an import) or a documented 4xx
// with the OData error body, never a 500; and no two stored indicators ever share value, type and action.
const emulator = await startTestEmulator({ indicatorCap: 60 });
const call = indicatorCaller(emulator);

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    "FileSha1",
    "filesha256",
    "IpAddress",
    "DomainName",
    "Url",
    "CertificateThumbprint",
    "Block",
    "audit",
    "Alert",
    "Allowed",
    "BlockAndRemediate",
    "220e7d15b011d7fac48f2bd61114db1022197f7f",
    "220E7D15B011D7FAC48F2BD61114DB1022197F7F",
    "2001:db8:0:0:0:0:0:1",
    "2001:0DB8:0000:0000:0000:0000:0000:0001",
    "52.184.197.12",
    "bad.example",
    "https://bad.example/x",
    "2099-01-01T00:00:00Z",
    "2000-01-01T00:00:00Z",
    "true",
    "1",
    "g1,g2",
  ),
);
const names = [...INDICATOR_FIELDS.map((f) => f.name), "IndicatorValue", "Indicators"];
const fields = fc.dictionary(
  fc.constantFrom(...names),
  fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })),
  {
    maxKeys: 6,
  },
);
const nearlyValid = fc.tuple(fc.constant(indicatorBody()), fields).map(([a, b]) => ({ ...a, ...b }));
const item = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fields,
  nearlyValid,
  nearlyValid,
  fc.constant(indicatorBody()),
);
const importBody = fc.oneof(
  fc.record({ Indicators: fc.array(item, { maxLength: 8 }) }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom("Indicators", "indicators", "value"), fc.array(item, { maxLength: 3 })),
);
const request = fc.oneof(
  fc.record({ path: fc.constant("/api/indicators"), body: item }),
  fc.record({ path: fc.constant("/api/indicators/import"), body: importBody }),
);
const DOCUMENTED_4XX = [400, 403, 404];

describe("random submit and import bodies", () => {
  it("answer 200 or a documented 4xx with the OData error body, never a 500, and never duplicate a key", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 6 }), async (requests) => {
        for (const { path, body } of requests) {
          const r = await call("POST", path, { body: JSON.stringify(body) });
          seen.add(r.status);
          if (r.status === 200) {
            if (path.endsWith("/import")) {
              const items = (body as { Indicators: unknown[] }).Indicators;
              expect(r.json.value).toHaveLength(items.length);
              for (const v of r.json.value)
                expect(v.isFailed ? v.id === null && v.failureReason : v.id).toBeTruthy();
            } else expect(r.json.id).toMatch(/^\d+$/);
          } else {
            expect(DOCUMENTED_4XX).toContain(r.status);
            expect(r.json.error).toEqual({
              code: expect.any(String),
              message: expect.any(String),
              target: expect.any(String),
            });
          }
        }
        const all = (await call("GET", "/api/indicators")).json.value as Record<string, unknown>[];
        const keys = all.map((i) => indicatorKey(i));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 60 },
    );
    // Both paths were exercised, not only refusals.
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400]));
  });
});
