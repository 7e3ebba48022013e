import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody } from "./support.js";

// Operator precedence of $filter, from the OData precedence table (MS-ODATA 2.2.3.6.1.1.2, as OData v4 part 2):
// grouping and calls, then unary `not`, then relational `lt gt le ge`, then equality `eq ne`, then `and`, then
// `or`; binary operators associate to the left. `in` (4.01, not in the table) takes the value just before it.
// Random trees are written with only the parentheses that table requires, and the emulator's answer must equal a
// reference evaluation of the tree (and the answer to the fully parenthesised text).
const emulator = await startTestEmulator();
const call = caller(emulator);

type Row = { Id: number; Severity: string; Enabled: boolean; Name: string };
type Node =
  | { k: "cmp"; prop: "Id" | "Severity"; op: string; value: number | string }
  | { k: "in"; values: string[] }
  | { k: "fn"; value: string }
  | { k: "bool" }
  | { k: "not"; operand: Node }
  | { k: "beq"; op: "eq" | "ne"; left: Node; right: Node }
  | { k: "and" | "or"; left: Node; right: Node };

const SEVERITIES = ["Low", "Medium", "High", "Informational"];
let rows: Row[] = [];

beforeAll(async () => {
  const alertDefinitions = Array.from({ length: 12 }, (_, i) =>
    definitionBody({ Name: `n${i % 3}`, Severity: SEVERITIES[i % 4], Enabled: i % 3 !== 1 }),
  );
  await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", { body: { alertDefinitions } });
  rows = ((await (await fetch(`${emulator.url}/_emulator/state`)).json()) as { AlertDefinitions: Row[] })
    .AlertDefinitions;
});

// The table's levels, loosest first; a sub-expression looser than its slot needs parentheses.
const LEVEL = { or: 1, and: 2, equality: 3, relational: 4, unary: 5, primary: 6 } as const;

function level(node: Node): number {
  if (node.k === "or" || node.k === "and") return LEVEL[node.k];
  if (node.k === "beq") return LEVEL.equality;
  if (node.k === "cmp") return node.op === "eq" || node.op === "ne" ? LEVEL.equality : LEVEL.relational;
  return node.k === "not" ? LEVEL.unary : LEVEL.primary;
}

const lit = (v: number | string) => (typeof v === "number" ? String(v) : `'${v}'`);

/** The text of `node` in a slot of level `slot`; `full` parenthesises every sub-expression instead. */
function render(node: Node, slot: number, full: boolean): string {
  const text = bare(node, full);
  return full ? `(${text})` : level(node) < slot ? `(${text})` : text;
}

function bare(node: Node, full: boolean): string {
  switch (node.k) {
    case "cmp":
      return `${node.prop} ${node.op} ${lit(node.value)}`;
    case "in":
      return `Severity in (${node.values.map(lit).join(",")})`;
    case "fn":
      return `startswith(Name,${lit(node.value)})`;
    case "bool":
      return "Enabled";
    case "not":
      return `not ${render(node.operand, LEVEL.unary, full)}`;
    case "beq":
      // Left-associative: the left operand may be another equality, the right one must bind tighter.
      return `${render(node.left, LEVEL.equality, full)} ${node.op} ${render(node.right, LEVEL.relational, full)}`;
    default:
      return `${render(node.left, LEVEL[node.k], full)} ${node.k} ${render(node.right, LEVEL[node.k] + 1, full)}`;
  }
}

function evaluate(node: Node, row: Row): boolean {
  switch (node.k) {
    case "cmp": {
      const [a, b] = [row[node.prop], node.value];
      return { eq: a === b, ne: a !== b, gt: a > b, ge: a >= b, lt: a < b, le: a <= b }[node.op] ?? false;
    }
    case "in":
      return node.values.includes(row.Severity);
    case "fn":
      return row.Name.startsWith(node.value);
    case "bool":
      return row.Enabled;
    case "not":
      return !evaluate(node.operand, row);
    case "beq":
      return (evaluate(node.left, row) === evaluate(node.right, row)) === (node.op === "eq");
    case "and":
      return evaluate(node.left, row) && evaluate(node.right, row);
    case "or":
      return evaluate(node.left, row) || evaluate(node.right, row);
  }
}

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.record({
    k: fc.constant("cmp" as const),
    prop: fc.constant("Id" as const),
    op: fc.constantFrom("eq", "ne", "gt", "ge", "lt", "le"),
    value: fc.integer({ min: 0, max: 13 }),
  }),
  fc.record({
    k: fc.constant("cmp" as const),
    prop: fc.constant("Severity" as const),
    op: fc.constantFrom("eq", "ne", "lt", "ge"),
    value: fc.constantFrom(...SEVERITIES),
  }),
  fc.record({ k: fc.constant("in" as const), values: fc.subarray(SEVERITIES, { minLength: 1 }) }),
  fc.record({ k: fc.constant("fn" as const), value: fc.constantFrom("n0", "n1", "n", "x") }),
  fc.constant<Node>({ k: "bool" }),
);
const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ k: fc.constant("not" as const), operand: tie("node") }),
    fc.record({
      k: fc.constant("beq" as const),
      op: fc.constantFrom("eq", "ne"),
      left: tie("node"),
      right: tie("node"),
    }),
    fc.record({ k: fc.constantFrom("and" as const, "or" as const), left: tie("node"), right: tie("node") }),
  ),
})).node;

async function ids(text: string): Promise<{ status: number; ids?: number[] }> {
  const r = await call("GET", `/V1.0/AlertDefinitions?$top=100&$filter=${encodeURIComponent(text)}`);
  return r.status === 200 ? { status: 200, ids: r.json.value.map((d: Row) => d.Id) } : { status: r.status };
}

describe("$filter operator precedence", () => {
  it("follows the OData precedence table for random expressions with minimal parentheses", async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (node) => {
        const [minimal, full] = [render(node, LEVEL.or, false), render(node, LEVEL.or, true)];
        const expected = { status: 200, ids: rows.filter((row) => evaluate(node, row)).map((row) => row.Id) };
        expect([minimal, await ids(minimal)]).toEqual([minimal, expected]);
        expect([full, await ids(full)]).toEqual([full, expected]);
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it("binds not tighter than a comparison, so not before a non-boolean property is refused", async () => {
    const r = await call(
      "GET",
      `/V1.0/AlertDefinitions?$filter=${encodeURIComponent("not Severity eq 'High'")}`,
    );
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/not needs a condition.*not a string.*not \(Severity eq 'High'\)/);
    expect(await ids("not (Severity eq 'High')")).toMatchObject({ status: 200 });
  });

  it("reads chained comparisons and a not on the right of eq as the table says", async () => {
    const low = rows.filter((r) => r.Id < 5).map((r) => r.Id);
    expect(await ids("Id lt 5 eq true")).toEqual({ status: 200, ids: low });
    expect(await ids("Enabled eq not Enabled")).toEqual({ status: 200, ids: [] });
    expect(await ids("Enabled eq true eq false")).toEqual({
      status: 200,
      ids: rows.filter((r) => !r.Enabled).map((r) => r.Id),
    });
    expect(await ids("not Severity in ('High') and not Enabled")).toEqual({
      status: 200,
      ids: rows.filter((r) => r.Severity !== "High" && !r.Enabled).map((r) => r.Id),
    });
  });
});
