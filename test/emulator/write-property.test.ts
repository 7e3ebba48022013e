import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELDS_BY_SET, validateEntity, type EntitySetName } from "../../src/schema/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody, iocBody } from "./support.js";

// Random bodies to every write route: the reply is a success or a 4xx with the OData error body, never a 500; a
// refused request changes nothing; and whatever is stored stays valid and consistent.
const emulator = await startTestEmulator({ seed: "sample", quotaTotal: 400, quotaNonEquals: 20 });
const call = caller(emulator);

type State = Record<EntitySetName, Record<string, unknown>[]>;
const state = async (): Promise<State> =>
  (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as State;

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.constantFrom(
    "Low",
    "SHA1",
    "Equals",
    "Contains",
    "52.184.197.12",
    "dead1111eeaabbccddeeaabbccddee11ffffffff",
    "AlertDefinitions(1)",
    "AlertDefinitions(2)",
    "true",
    "2030-01-01T00:00:00Z",
  ),
);
const names = [
  ...new Set([...FIELDS_BY_SET.AlertDefinitions, ...FIELDS_BY_SET.IndicatorsOfCompromise].map((f) => f.name)),
  "AlertDefinition@odata.bind",
  "@odata.id",
  "name",
  "iocs",
  "alertDefinitions",
];
const objectBody = fc.dictionary(
  fc.constantFrom(...names),
  fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })),
  { maxKeys: 8 },
);
const nearlyValid = fc.oneof(
  fc.tuple(fc.constant(definitionBody()), objectBody).map(([a, b]) => ({ ...a, ...b })),
  fc.tuple(fc.constant(iocBody(1)), objectBody).map(([a, b]) => ({ ...a, ...b })),
);
// Whole valid bodies are among the choices, so the success paths are reached in every run, not by luck.
const valid = fc.constantFrom(definitionBody(), iocBody(1));
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  objectBody,
  nearlyValid,
  valid,
  fc.string({ maxLength: 20 }),
);
const bulkBody = fc.oneof(
  body,
  fc.array(nearlyValid, { maxLength: 4 }).map((iocs) => ({ iocs })),
  fc.array(nearlyValid, { maxLength: 4 }).map((alertDefinitions) => ({ alertDefinitions })),
);
const ids = fc.integer({ min: 1, max: 4 });
const request = fc.oneof(
  fc.record({ method: fc.constant("POST"), path: fc.constant("/V1.0/AlertDefinitions"), body }),
  fc.record({ method: fc.constant("POST"), path: fc.constant("/V1.0/IndicatorsOfCompromise"), body }),
  fc.record({ method: fc.constant("PATCH"), path: ids.map((i) => `/V1.0/AlertDefinitions(${i})`), body }),
  fc.record({
    method: fc.constant("PATCH"),
    path: ids.map((i) => `/V1.0/IndicatorsOfCompromise(${i})`),
    body,
  }),
  fc.record({
    method: fc.constant("PUT"),
    path: ids.map((i) => `/V1.0/IndicatorsOfCompromise(${i})/AlertDefinition/$ref`),
    body,
  }),
  fc.record({
    method: fc.constant("POST"),
    path: fc.constantFrom(
      "/V1.0/AlertDefinitions/Actions.BulkUpload",
      "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload",
    ),
    body: bulkBody,
  }),
);

function expectConsistent(s: State): void {
  const definitions = new Set(s.AlertDefinitions.map((d) => d["Id"]));
  for (const ioc of s.IndicatorsOfCompromise) expect(definitions.has(ioc["AlertDefinitionId"])).toBe(true);
  for (const set of ["AlertDefinitions", "IndicatorsOfCompromise"] as const) {
    const seen = s[set].map((e) => e["Id"]);
    expect(new Set(seen).size).toBe(seen.length);
    for (const entity of s[set]) {
      const writable = Object.fromEntries(
        Object.entries(entity).filter(([k]) => !FIELDS_BY_SET[set].find((f) => f.name === k)?.readOnly),
      );
      const bind =
        set === "IndicatorsOfCompromise" ? { "AlertDefinition@odata.bind": "AlertDefinitions(1)" } : {};
      expect(validateEntity(set, { ...writable, ...bind }, { mode: "create" }).errors).toEqual([]);
    }
  }
}

describe("write routes under random bodies", () => {
  it("answer 2xx or a 4xx OData error, never a 500, and a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body: sent }) => {
        const before = await state();
        const r = await call(method, path, { body: typeof sent === "string" ? sent : JSON.stringify(sent) });
        expect([method, path, r.status < 500]).toEqual([method, path, true]);
        if (r.status >= 400) {
          expect(typeof r.json.error.code).toBe("string");
          expect(r.json.error.target).toBe(r.headers.get("request-id"));
          expect(await state()).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    expectConsistent(await state());
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as {
      responses: Record<string, number>;
    };
    // The generators must reach the success paths too, or the property proves little.
    expect(stats.responses["201"]).toBeGreaterThan(0);
    expect(stats.responses["200"]).toBeGreaterThan(0);
  });
});
