import { ValidationError } from "../../errors/index.js";

/**
 * The 1-based line on which each element of a JSON array starts: the root array when `key` is undefined, else the
 * array under that key of the root object (key matched without regard to case). JSON.parse keeps no positions,
 * so this small scanner walks the text once beside it.
 */
export function arrayElementLines(text: string, key?: string): number[] {
  const lines: number[] = [];
  const stack: { kind: "[" | "{"; target: boolean }[] = [];
  let line = 1;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = "";
  let rootKey: string | undefined;
  let awaiting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    const top = stack.at(-1);
    if (awaiting && top?.target && c !== "]") {
      lines.push(line);
      awaiting = false;
    }
    if (c === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (c === ":" && stack.length === 1) rootKey = lastString;
    else if (c === "[") {
      const target =
        key === undefined
          ? stack.length === 0
          : stack.length === 1 && top?.kind === "{" && rootKey?.toLowerCase() === key.toLowerCase();
      stack.push({ kind: "[", target });
      awaiting = target;
    } else if (c === "{") stack.push({ kind: "{", target: false });
    else if (c === "]" || c === "}") stack.pop();
    else if (c === "," && top?.target) awaiting = true;
  }
  return lines;
}

/** Parses JSON, turning a syntax error into a ValidationError that names the input kind. */
export function parseJson(text: string, kind: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ValidationError(`The ${kind} input is not valid JSON: ${(error as Error).message}`, []);
  }
}

/** The actual spelling of `wanted` among the root object's keys, compared without regard to case. */
export function rootArrayKey(root: unknown, wanted: string): string | undefined {
  if (typeof root !== "object" || root === null) return undefined;
  return Object.keys(root).find((k) => k.toLowerCase() === wanted);
}
