import { odataError } from "../protocol/errors.js";
import type { Entity } from "../store/store.js";
import { callExpr, compare, propertyExpr, type FieldSource } from "./operands.js";
import { describePosition, tokenize, type Token } from "./lexer.js";

/** The value types of the `$filter` subset. */
export type FilterType = "string" | "number" | "boolean" | "datetime" | "null";

/** A type-checked, compiled sub-expression. */
export interface Expr {
  readonly type: FilterType;
  readonly pos: number;
  readonly eval: (entity: Entity) => unknown;
  /** For a bare property: its name (not for date-times, which evaluate to times). */
  readonly property?: string;
  /** For a literal: its value. */
  readonly literal?: { readonly value: unknown };
  /** For a condition: what it needs to be true, each {@link Hint} alone (none: any entity may match). */
  readonly hints?: readonly Hint[] | undefined;
}

/**
 * What a condition needs: it can be true only for entities whose `field` (read as `$filter` reads it) is one of
 * `values`. An index answers that, and the condition itself then decides, so using it changes no result.
 */
export interface Hint {
  readonly field: string;
  readonly values: readonly unknown[];
}

/** A compiled `$filter`: true for the entities it keeps, with the {@link Hint}s of the whole condition. */
export type Predicate = ((entity: Entity) => boolean) & { readonly hints?: readonly Hint[] | undefined };

const EQUALITY: ReadonlySet<string> = new Set(["eq", "ne"]);
const RELATIONAL: ReadonlySet<string> = new Set(["gt", "ge", "lt", "le"]);
const COMPARISONS = new Set([...EQUALITY, ...RELATIONAL]);
const FUNCTIONS = new Set(["contains", "startswith", "endswith"]);
const MAX_LENGTH = 4096;
const MAX_DEPTH = 64;

/**
 * Parses, type-checks and compiles a `$filter` over one entity set (the subset of ti-api.md Part 4: `eq ne gt ge
 * lt le and or not ( )`, `contains startswith endswith`, `in`, `null`, strings with `''`, numbers, booleans,
 * date-times). Anything else throws 400 ODataError naming the position (counted from 1).
 * @example compileFilter("AlertDefinitions", "Severity eq 'Low' and Enabled")(entity) // true or false
 */
export function compileFilter(set: FieldSource, text: string): Predicate {
  if (text.length > MAX_LENGTH) throw odataError(`$filter is longer than ${MAX_LENGTH} characters`);
  const parser = new Parser(set, text, tokenize(text));
  const expr = parser.expression();
  parser.expectEnd();
  if (expr.type !== "boolean")
    throw odataError(`$filter must be a condition (true or false), not a ${expr.type}`);
  return Object.assign((entity: Entity) => expr.eval(entity) === true, { hints: expr.hints });
}

/** What `a and b` needs: what either needs. */
function both(a: readonly Hint[] = [], b: readonly Hint[] = []): readonly Hint[] | undefined {
  return a.length + b.length > 0 ? [...a, ...b] : undefined;
}

/** What `a or b` needs: for a field both name, a value either allows. */
function either(a: readonly Hint[] = [], b: readonly Hint[] = []): readonly Hint[] | undefined {
  const out = a.flatMap((x) =>
    b.filter((y) => y.field === x.field).map((y) => ({ field: x.field, values: [...x.values, ...y.values] })),
  );
  return out.length > 0 ? out : undefined;
}

/** Recursive-descent parser; each rule type-checks and compiles as it goes. */
export class Parser {
  #index = 0;
  #depth = 0;
  constructor(
    readonly set: FieldSource,
    readonly text: string,
    readonly tokens: readonly Token[],
  ) {}

  expression(): Expr {
    if (++this.#depth > MAX_DEPTH) throw odataError(`$filter is nested more than ${MAX_DEPTH} levels deep`);
    // Loosest first, as OData's precedence table: or, and, equality, relational, then not, in, primaries.
    const relational = () => this.#comparisons(RELATIONAL, () => this.#unary());
    const equality = () => this.#comparisons(EQUALITY, relational);
    const expr = this.#binary("or", () => this.#binary("and", equality));
    this.#depth--;
    return expr;
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.t !== "end") this.fail(token.pos, "expected and, or, or the end of the filter");
  }

  #binary(op: "and" | "or", next: () => Expr): Expr {
    let left = next();
    while (this.#isWord(op)) {
      const pos = this.#take().pos;
      const right = next();
      this.#requireBoolean(left, op);
      this.#requireBoolean(right, op);
      const [l, r] = [left.eval, right.eval];
      left = {
        type: "boolean",
        pos,
        eval: op === "and" ? (e) => l(e) === true && r(e) === true : (e) => l(e) === true || r(e) === true,
        hints: op === "and" ? both(left.hints, right.hints) : either(left.hints, right.hints),
      };
    }
    return left;
  }

  /** One level of comparison operators, left-associative (`Id lt 5 eq true` is `(Id lt 5) eq true`). */
  #comparisons(ops: ReadonlySet<string>, next: () => Expr): Expr {
    let left = next();
    for (let token = this.#peek(); token.t === "word" && ops.has(token.value); token = this.#peek()) {
      this.#take();
      left = compare(token.value, left, next(), this);
    }
    return left;
  }

  #unary(): Expr {
    if (!this.#isWord("not")) return this.#membership();
    const pos = this.#take().pos;
    if (++this.#depth > MAX_DEPTH) throw odataError(`$filter is nested more than ${MAX_DEPTH} levels deep`);
    const start = this.#index;
    const operand = this.#unary();
    this.#depth--;
    if (operand.type !== "boolean") {
      // `not` binds tighter than a comparison: `not Severity eq 'High'` negates Severity, so say how to write it.
      const next = this.#peek();
      const hint =
        next.t === "word" && COMPARISONS.has(next.value)
          ? ` (not binds tighter than ${next.value}: write not (${this.#source(start, this.#index + 2)}))`
          : "";
      this.fail(operand.pos, `not needs a condition (true or false), not a ${operand.type}${hint}`);
    }
    return { type: "boolean", pos, eval: (e) => operand.eval(e) !== true };
  }

  /** A primary, and `in (...)` when it follows: in takes the single value just before it. */
  #membership(): Expr {
    const left = this.#primary();
    if (!this.#isWord("in")) return left;
    this.#take();
    return this.#inList(left);
  }

  #primary(): Expr {
    const token = this.#take();
    switch (token.t) {
      case "(": {
        const inner = this.expression();
        this.#expect(")", "expected ')'");
        return inner;
      }
      case "string":
        return { type: "string", pos: token.pos, eval: () => token.value, literal: token };
      case "number":
        return { type: "number", pos: token.pos, eval: () => token.value, literal: token };
      case "datetime":
        return { type: "datetime", pos: token.pos, eval: () => token.value };
      case "word":
        return this.#word(token.value, token.pos);
      default:
        return this.fail(token.pos, "expected a property, a value, a function or '('");
    }
  }

  #word(word: string, pos: number): Expr {
    if (word === "null") return { type: "null", pos, eval: () => null, literal: { value: null } };
    if (word === "true" || word === "false") return { type: "boolean", pos, eval: () => word === "true" };
    if (FUNCTIONS.has(word)) return this.#call(word, pos);
    return propertyExpr(this.set, word, pos, this);
  }

  #call(name: string, pos: number): Expr {
    this.#expect("(", `expected '(' after ${name}`);
    const haystack = this.expression();
    this.#expect(",", `${name} takes two arguments: expected ','`);
    const needle = this.expression();
    this.#expect(")", `expected ')' to close ${name}(`);
    return callExpr(name, haystack, needle, pos, this);
  }

  #inList(left: Expr): Expr {
    this.#expect("(", "expected '(' after in");
    const items: Expr[] = [];
    do items.push(this.#primary());
    while (this.#peek().t === "," && this.#take());
    this.#expect(")", "expected ',' or ')' in the in list");
    const tests = items.map((item) => compare("eq", left, item, this));
    const hints = tests.map((t) => t.hints).reduce(either);
    const evals = tests.map((t) => t.eval);
    return { type: "boolean", pos: left.pos, eval: (e) => evals.some((t) => t(e) === true), hints };
  }

  #requireBoolean(expr: Expr, op: string): void {
    if (expr.type !== "boolean")
      this.fail(expr.pos, `${op} needs conditions on both sides, not a ${expr.type}`);
  }

  /** The filter text of tokens `from` up to (not including) token `to`, trimmed (for hints). */
  #source(from: number, to: number): string {
    const end = this.tokens[to]?.pos ?? this.text.length;
    return this.text.slice(this.tokens[from]?.pos ?? end, end).trim();
  }

  #isWord(value: string): boolean {
    const token = this.#peek();
    return token.t === "word" && token.value === value;
  }

  #peek(): Token {
    return this.tokens[this.#index] ?? { t: "end", pos: this.text.length };
  }

  #take(): Token {
    const token = this.#peek();
    if (token.t !== "end") this.#index++;
    return token;
  }

  #expect(kind: "(" | ")" | ",", message: string): void {
    const token = this.#take();
    if (token.t !== kind) this.fail(token.pos, message);
  }

  /** Throws the 400 for a problem at a position. */
  fail(pos: number, message: string): never {
    throw odataError(`$filter: ${message} at ${describePosition(this.text, pos)}`);
  }
}
