import { parse, type Node, type Program } from "acorn";
import { wrapAsync } from "./wrap-async.js";

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
