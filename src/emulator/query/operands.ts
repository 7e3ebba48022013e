import { FIELDS_BY_SET, type EdmType, type EntitySetName, type FieldFact } from "../../schema/index.js";
import type { Expr, FilterType, Hint, Parser } from "./filter.js";

const EDM_TO_FILTER: Readonly<Record<EdmType, FilterType>> = {
  "Edm.String": "string",
  "Edm.Int32": "number",
  "Edm.Boolean": "boolean",
  "Edm.DateTimeOffset": "datetime",
};

const STRING_TESTS: Readonly<Record<string, (haystack: string, needle: string) => boolean>> = {
  contains: (h, n) => h.includes(n),
  startswith: (h, n) => h.startsWith(n),
  endswith: (h, n) => h.endsWith(n),
};

const OPERATORS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

/**
 * Type-checks and compiles `left op right`: both sides the same type, or null with eq/ne; no ordering of
 * booleans. Null is equal only to null and never ordered (OData semantics).
 * @example compare("eq", severityExpr, lowLiteral, parser).eval(entity) // true
 */
export function compare(op: string, left: Expr, right: Expr, parser: Parser): Expr {
  const ordered = op !== "eq" && op !== "ne";
  const withNull = left.type === "null" || right.type === "null";
  if (!withNull && left.type !== right.type) {
    parser.fail(right.pos, `cannot compare a ${left.type} with a ${right.type} (${op})`);
  }
  if (ordered && (withNull || left.type === "boolean")) {
    parser.fail(right.pos, `${op} does not apply to ${withNull ? "null" : "booleans"}`);
  }
  const [l, r] = [left.eval, right.eval];
  const test = OPERATORS[op];
  if (!test) return parser.fail(left.pos, `unknown operator ${op}`);
  return {
    type: "boolean",
    pos: left.pos,
    hints: op === "eq" ? equalityHint(left, right) : undefined,
    eval: (e) => {
      const [a, b] = [l(e), r(e)];
      if (a === null || b === null) return op === "eq" ? a === b : op === "ne" ? a !== b : false;
      return test(a as number, b as number);
    },
  };
}

/** `Value eq 'x'` (either way round) is true only where Value is 'x'; null included, as eq treats it. */
function equalityHint(left: Expr, right: Expr): Hint[] | undefined {
  if (left.property !== undefined && right.literal)
    return [{ field: left.property, values: [right.literal.value] }];
  if (right.property !== undefined && left.literal)
    return [{ field: right.property, values: [left.literal.value] }];
  return undefined;
}

/** What `$filter` and `$orderby` name properties of: a custom-TI entity set, or another service's named facts. */
export type FieldSource = EntitySetName | { readonly name: string; readonly fields: readonly FieldFact[] };

/**
 * The field facts and the name of a source.
 * @example factsOf("AlertDefinitions").name // "AlertDefinitions"
 */
export function factsOf(source: FieldSource): { name: string; fields: readonly FieldFact[] } {
  return typeof source === "string" ? { name: source, fields: FIELDS_BY_SET[source] } : source;
}

/**
 * A property reference, typed from the schema's field facts (names are case-sensitive; a near miss gets a hint).
 * Date-times evaluate to epoch milliseconds so that they compare as times.
 * @example propertyExpr("AlertDefinitions", "Severity", 0, parser).type // "string"
 */
export function propertyExpr(source: FieldSource, word: string, pos: number, parser: Parser): Expr {
  const { name: set, fields } = factsOf(source);
  const fact = fields.find((f) => f.name === word);
  if (!fact) {
    const near = fields.find((f) => f.name.toLowerCase() === word.toLowerCase());
    const hint = near ? ` (names are case-sensitive: did you mean ${near.name}?)` : "";
    return parser.fail(pos, `${word} is not a property of ${set}${hint}`);
  }
  const type = EDM_TO_FILTER[fact.edmType];
  if (type === "datetime") {
    return {
      type,
      pos,
      eval: (e) => {
        const value = e[word];
        return typeof value === "string" ? Date.parse(value) : null;
      },
    };
  }
  // A list (an indicator's rbacGroupNames) compares as its comma-separated text, as the submit table describes it.
  return {
    type,
    pos,
    eval: (e) => (Array.isArray(e[word]) ? (e[word] as unknown[]).join(",") : (e[word] ?? null)),
    property: word,
  };
}

/**
 * `contains`, `startswith` or `endswith` over two string arguments; false when either is null.
 * @example callExpr("contains", nameExpr, literalExpr, 0, parser)
 */
export function callExpr(name: string, haystack: Expr, needle: Expr, pos: number, parser: Parser): Expr {
  for (const arg of [haystack, needle]) {
    if (arg.type !== "string") parser.fail(arg.pos, `${name} takes strings, not a ${arg.type}`);
  }
  const test = STRING_TESTS[name];
  if (!test) return parser.fail(pos, `unknown function ${name}`);
  return {
    type: "boolean",
    pos,
    eval: (e) => {
      const [h, n] = [haystack.eval(e), needle.eval(e)];
      return typeof h === "string" && typeof n === "string" && test(h, n);
    },
  };
}
