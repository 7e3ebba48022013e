import { parse, type Node, type Program } from "acorn";

/** Code ready to run in the console's context, and whether running it gives a promise to await. */
export interface Compiled {
  readonly source: string;
  readonly awaits: boolean;
  /** Lines the source has before the entry's first line (the async wrapper's own), for `vm.Script`'s `lineOffset`. */
  readonly lineOffset: number;
}

/** Thrown for input that is not finished yet (an open bracket, template or comment): the REPL asks for more. */
export class IncompleteInput extends Error {
  override readonly name = "IncompleteInput";
}

/**
 * Turns one REPL entry into a script for `vm`, as Node's own REPL does but on a public parser (acorn): a lone
 * `{ … }` is an object literal, and an entry with a top-level `await` is wrapped in an async function whose
 * declarations are hoisted to the context (so `const a = await alerts.get(1)` leaves `a` defined) and whose last
 * expression is its value. Syntax errors other than an unfinished entry are left for V8 to report in its words.
 * @example compileEntry("const a = await alerts.get(1)").awaits // true
 */
export function compileEntry(code: string): Compiled {
  const literal = objectLiteral(code);
  if (literal !== undefined) return literal;
  const program = tryParse(code);
  if (program === undefined || !hasTopLevelAwait(program))
    return { source: code, awaits: false, lineOffset: 0 };
  return { source: wrapAsync(code, program), awaits: true, lineOffset: WRAPPER_LINES };
}

// The async wrapper puts its declarations and its opening on one line of their own before the entry.
const WRAPPER_LINES = 1;

function objectLiteral(code: string): Compiled | undefined {
  if (!/^\s*\{/.test(code) || /;\s*$/.test(code)) return undefined;
  const wrapped = `(${code.trim()})`;
  try {
    const program = parse(wrapped, OPTIONS);
    return hasTopLevelAwait(program)
      ? { source: wrapAsync(wrapped, program), awaits: true, lineOffset: WRAPPER_LINES }
      : { source: wrapped, awaits: false, lineOffset: 0 };
  } catch {
    return undefined;
  }
}

const OPTIONS = {
  ecmaVersion: "latest",
  sourceType: "script",
  allowAwaitOutsideFunction: true,
  allowHashBang: true,
} as const;

/** The parsed entry; undefined for a syntax error V8 should report; IncompleteInput for an unfinished entry. */
function tryParse(code: string): Program | undefined {
  try {
    return parse(code, OPTIONS);
  } catch (err) {
    const { raisedAt, message } = err as { raisedAt?: number; message?: string };
    // A string cannot continue on the next line: its end-of-input error is a real one, as in Node's REPL.
    const atEnd =
      raisedAt !== undefined &&
      raisedAt >= code.trimEnd().length &&
      !/Unterminated string/.test(message ?? "");
    if (atEnd || /Unterminated (template|comment)/.test(message ?? "")) throw new IncompleteInput(message);
    return undefined;
  }
}

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** True when an `await` (or `for await`) sits outside every function of the entry. */
function hasTopLevelAwait(node: Node): boolean {
  if (node.type === "AwaitExpression") return true;
  if (node.type === "ForOfStatement" && (node as Node & { await?: boolean }).await === true) return true;
  if (FUNCTIONS.has(node.type)) return false;
  return childNodes(node).some(hasTopLevelAwait);
}

function childNodes(node: Node): Node[] {
  return Object.values(node).flatMap((value: unknown) =>
    (Array.isArray(value) ? value : [value]).filter(isNode),
  );
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as Node).type === "string";
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * `var` for every name the entry declares at top level (so a later entry may declare it again, as people do at
 * a prompt), the declarations turned into assignments, and the last expression returned.
 */
function wrapAsync(code: string, program: Program): string {
  const names = new Set<string>();
  const edits: Edit[] = [];
  const text = (n: Node): string => code.slice(n.start, n.end);
  for (const statement of program.body) {
    if (statement.type === "VariableDeclaration") {
      const assignments = statement.declarations.flatMap((d) => {
        bindingNames(d.id).forEach((n) => names.add(n));
        if (d.init) return [`${text(d.id)} = ${text(d.init)}`];
        return statement.kind === "var" ? [] : [`${text(d.id)} = undefined`];
      });
      const replaced = assignments.length > 0 ? `void (${assignments.join(", ")});` : "";
      edits.push({ start: statement.start, end: statement.end, text: replaced });
    } else if (
      (statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") &&
      statement.id
    ) {
      names.add(statement.id.name);
      edits.push({
        start: statement.start,
        end: statement.end,
        text: `${statement.id.name} = ${text(statement)};`,
      });
    }
  }
  const last = program.body.at(-1);
  let opening = "";
  if (last?.type === "ExpressionStatement") {
    const returned = returning(code, last);
    edits.push(...returned.edits);
    opening = returned.opening;
  }
  let body = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
  }
  const declared = names.size > 0 ? `var ${[...names].join(", ")}; ` : "";
  // One line before the body (WRAPPER_LINES): stack traces are mapped back to the entry's own lines.
  return `${declared}(async () => {${opening}\n${body}\n})()`;
}

/**
 * The last expression returned. Alone on its line, `return (` goes at the end of the line before (or on the
 * wrapper's opening line), so an error in it keeps its line and column; otherwise it goes just before it.
 */
function returning(code: string, last: Node & { expression: Node }): { edits: Edit[]; opening: string } {
  const expression = code.slice(last.expression.start, last.expression.end);
  const lineStart = code.lastIndexOf("\n", last.start - 1) + 1;
  const before = code.slice(code.lastIndexOf("\n", lineStart - 2) + 1, Math.max(lineStart - 1, 0));
  const close = { start: last.start, end: last.end, text: `${expression});` };
  if (code.slice(lineStart, last.start).trim() === "") {
    if (lineStart === 0) return { edits: [close], opening: " return (" };
    // Not after a line comment, which would swallow it.
    if (!before.includes("//"))
      return { edits: [{ start: lineStart - 1, end: lineStart - 1, text: " return (" }, close], opening: "" };
  }
  return { edits: [{ start: last.start, end: last.end, text: `return (${expression});` }], opening: "" };
}

/** The names a binding pattern declares: `a`, `{ a, b: [c] }`, `...rest`, defaults. */
function bindingNames(pattern: Node): string[] {
  switch (pattern.type) {
    case "Identifier":
      return [(pattern as Node & { name: string }).name];
    case "ObjectPattern":
      return (pattern as Node & { properties: Node[] }).properties.flatMap((p) =>
        bindingNames(p.type === "Property" ? (p as Node & { value: Node }).value : p),
      );
    case "ArrayPattern":
      return (pattern as Node & { elements: (Node | null)[] }).elements.flatMap((e) =>
        e ? bindingNames(e) : [],
      );
    case "RestElement":
      return bindingNames((pattern as Node & { argument: Node }).argument);
    case "AssignmentPattern":
      return bindingNames((pattern as Node & { left: Node }).left);
    default:
      return [];
  }
}
