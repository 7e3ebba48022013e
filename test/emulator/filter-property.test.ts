import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody } from "./support.js";

// $filter against a reference evaluation: fast-check builds expression trees, renders them as OData text, and the
// emulator's answer over HTTP must equal a direct evaluation of the tree over the stored entities.
const emulator = await startTestEmulator();
const call = caller(emulator);

type Row = Record<string, unknown> & { Id: number };
type Node =
  | { k: "cmp"; prop: string; op: string; value: unknown }
  | { k: "fn"; fn: "contains" | "startswith" | "endswith"; prop: string; value: string }
  | { k: "in"; prop: string; values: string[] }
  | { k: "bool"; prop: "Enabled" }
  | { k: "and" | "or"; left: Node; right: Node }
  | { k: "not"; operand: Node };

const NAMES = ["alpha", "beta", "it's", "Alpha", "gamma ray", ""];
const STRINGS = ["alpha", "a", "it's", "gamma", "Low", "High", "x", "'", "ray"];
let rows: Row[] = [];

beforeAll(async () => {
  const severities = ["Low", "Medium", "High", "Informational"];
  const alertDefinitions = Array.from({ length: 24 }, (_, i) =>
    definitionBody({
      Name: `${NAMES[i % NAMES.length]}${i % 5 === 0 ? "" : ` ${i}`}`.trim() || "blank",
      Severity: severities[i % 4],
      Enabled: i % 3 !== 0,
      RecommendedAction: i % 4 === 0 ? null : STRINGS[i % STRINGS.length],
    }),
  );
  await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", { body: { alertDefinitions } });
  rows = ((await (await fetch(`${emulator.url}/_emulator/state`)).json()) as { AlertDefinitions: Row[] })
    .AlertDefinitions;
});

const literal = (value: unknown): string =>
  value === null ? "null" : typeof value === "string" ? `'${value.replace(/'/g, "''")}'` : String(value);

function render(node: Node): string {
  switch (node.k) {
    case "cmp":
      return `${node.prop} ${node.op} ${literal(node.value)}`;
    case "fn":
      return `${node.fn}(${node.prop},${literal(node.value)})`;
    case "in":
      return `${node.prop} in (${node.values.map(literal).join(",")})`;
    case "bool":
      return node.prop;
    case "not":
      return `not (${render(node.operand)})`;
    default:
      return `(${render(node.left)}) ${node.k} (${render(node.right)})`;
  }
}

function evaluate(node: Node, row: Row): boolean {
  switch (node.k) {
    case "cmp": {
      const a = row[node.prop] ?? null;
      const b = node.value;
      if (a === null || b === null) return node.op === "eq" ? a === b : node.op === "ne" ? a !== b : false;
      const [x, y] = [a as string | number, b as string | number];
      return { eq: x === y, ne: x !== y, gt: x > y, ge: x >= y, lt: x < y, le: x <= y }[node.op] ?? false;
    }
    case "fn": {
      const h = row[node.prop];
      if (typeof h !== "string") return false;
      return node.fn === "contains"
        ? h.includes(node.value)
        : node.fn === "startswith"
          ? h.startsWith(node.value)
          : h.endsWith(node.value);
    }
    case "in":
      return node.values.includes(row[node.prop] as string);
    case "bool":
      return row["Enabled"] === true;
    case "not":
      return !evaluate(node.operand, row);
    case "and":
      return evaluate(node.left, row) && evaluate(node.right, row);
    case "or":
      return evaluate(node.left, row) || evaluate(node.right, row);
  }
}

const op = fc.constantFrom("eq", "ne", "gt", "ge", "lt", "le");
const stringProp = fc.constantFrom("Name", "Severity", "RecommendedAction");
const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.record({
    k: fc.constant("cmp" as const),
    prop: fc.constant("Id"),
    op,
    value: fc.integer({ min: -1, max: 26 }),
  }),
  fc.record({
    k: fc.constant("cmp" as const),
    prop: stringProp,
    op,
    value: fc.constantFrom(...STRINGS, ...NAMES),
  }),
  fc.record({
    k: fc.constant("cmp" as const),
    prop: stringProp,
    op: fc.constantFrom("eq", "ne"),
    value: fc.constant(null),
  }),
  fc.record({
    k: fc.constant("cmp" as const),
    prop: fc.constant("Enabled"),
    op: fc.constantFrom("eq", "ne"),
    value: fc.boolean(),
  }),
  fc.record({
    k: fc.constant("fn" as const),
    fn: fc.constantFrom("contains" as const, "startswith" as const, "endswith" as const),
    prop: stringProp,
    value: fc.constantFrom(...STRINGS),
  }),
  fc.record({
    k: fc.constant("in" as const),
    prop: fc.constantFrom("Severity", "Name"),
    values: fc.array(fc.constantFrom(...STRINGS, ...NAMES, "Medium"), { minLength: 1, maxLength: 3 }),
  }),
  fc.constant<Node>({ k: "bool", prop: "Enabled" }),
);
const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ k: fc.constantFrom("and" as const, "or" as const), left: tie("node"), right: tie("node") }),
    fc.record({ k: fc.constant("not" as const), operand: tie("node") }),
  ),
})).node;

describe("$filter", () => {
  it("agrees with a reference evaluation for random expressions", async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (node) => {
        const text = render(node);
        const r = await call("GET", `/V1.0/AlertDefinitions?$top=100&$filter=${encodeURIComponent(text)}`);
        expect([text, r.status]).toEqual([text, 200]);
        const got = r.json.value.map((d: Row) => d.Id);
        expect([text, got]).toEqual([text, rows.filter((row) => evaluate(node, row)).map((row) => row.Id)]);
      }),
      { numRuns: 200 },
    );
  });

  it("answers malformed expressions with 400 ODataError, never a 500 or a hang", async () => {
    const vocabulary = [
      "Id",
      "Name",
      "Enabled",
      "eq",
      "gt",
      "and",
      "or",
      "not",
      "in",
      "(",
      ")",
      ",",
      "'a'",
      "'",
      "1",
      "-2.5e3",
      "null",
      "true",
      "contains",
      "2020-01-01T00:00:00Z",
      "$",
      "@",
      "/",
      "  ",
    ];
    const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 14 }).map((t) => t.join(" "));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(soup, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 })),
        async (text) => {
          const r = await call("GET", `/V1.0/AlertDefinitions?$filter=${encodeURIComponent(text)}`, {
            signal: AbortSignal.timeout(10_000),
          });
          expect([200, 400]).toContain(r.status);
          if (r.status === 400) expect(r.json.error.code).toBe("ODataError");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses deep nesting and overlong filters with 400 rather than recursing without bound", async () => {
    const deep = `${"(".repeat(200)}Id eq 1${")".repeat(200)}`;
    const nots = `${"not ".repeat(200)}Enabled`;
    const fn = `${"contains(".repeat(100)}Name${",'a')".repeat(100)}`;
    for (const text of [deep, nots, fn, `Id eq 1${" or Id eq 1".repeat(400)}`]) {
      const r = await call("GET", `/V1.0/AlertDefinitions?$filter=${encodeURIComponent(text)}`);
      expect([r.status, r.json.error.code]).toEqual([400, "ODataError"]);
    }
  });
});
