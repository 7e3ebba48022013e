import { readFile, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { invalid } from "../errors.js";
import type { InputFormat, ReadResult } from "../types.js";
import { readCsv } from "./csv.js";
import { objectRows, readJson } from "./json.js";
import { readStix } from "./stix.js";
import { readText } from "./text.js";

/** What can be imported: a file path, the text itself, or an array of IOC objects. */
export type ImportInput = string | readonly Record<string, unknown>[];

const EXTENSIONS: Readonly<Record<string, InputFormat>> = {
  ".csv": "csv",
  ".json": "json",
  ".txt": "text",
  ".text": "text",
  ".lst": "text",
  ".list": "text",
  ".stix": "stix",
};

/**
 * Reads an input into rows with line numbers. A one-line string naming an existing file is read as that file
 * (one that looks like a path, starting with `/`, `./`, `~/` or a drive, or with a known extension, must exist);
 * the format comes from `format`, else the file extension, else the content (JSON, a STIX bundle, CSV with a
 * `value` column, or plain text).
 * @example await readInput("iocs.csv") // { format: "csv", rows: [...], rejected: [...] }
 */
export async function readInput(
  input: ImportInput,
  options: {
    format?: InputFormat | undefined;
    signal?: AbortSignal | undefined;
    /** The target takes the Indicators API's types too: URLs in text and STIX, certificates in STIX. */
    indicatorTypes?: boolean | undefined;
  } = {},
): Promise<ReadResult> {
  if (typeof input !== "string") return { format: "json", ...objectRows(input), warnings: [] };
  const path = (await isFile(input)) ? input : undefined;
  // "feed.csv" with a typo must not become the domain name feed.csv.
  if (!path && looksLikePath(input)) throw await unreadable(input);
  const text = path ? await readFile(path, { encoding: "utf8", signal: options.signal }) : input;
  const format = options.format ?? (path ? EXTENSIONS[extname(path).toLowerCase()] : undefined);
  return readFormat(text, format ?? sniff(text), options.indicatorTypes ?? false);
}

function readFormat(text: string, format: InputFormat, indicatorTypes: boolean): ReadResult {
  switch (format) {
    case "csv":
      return readCsv(text);
    case "json":
      return readJson(text, indicatorTypes);
    case "stix":
      return readStix(text, indicatorTypes);
    case "text":
      return readText(text, indicatorTypes);
  }
}

/** The format a text looks like: JSON (readJson hands a bundle to STIX), CSV when the first line names `value` (or `IndicatorValue`). */
export function sniff(text: string): InputFormat {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return "json";
  const first = trimmed.split(/\r?\n/).find((l) => l.trim() !== "" && !l.trimStart().startsWith("#")) ?? "";
  const cells = first.split(",").map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
  // The portal's indicator CSV names its value column IndicatorValue.
  return cells.includes("value") || cells.includes("indicatorvalue") ? "csv" : "text";
}

function looksLikePath(input: string): boolean {
  const text = input.trim();
  if (text.includes("\n")) return false;
  return /^(\.{0,2}\/|~\/|[a-z]:\\)/i.test(text) || EXTENSIONS[extname(text).toLowerCase()] !== undefined;
}

// The error names the path as resolved (the working directory may not be the one the user thinks) and why.
async function unreadable(input: string): Promise<Error> {
  const full = resolve(input);
  const why = await stat(input).then(
    (s) => (s.isDirectory() ? "a directory" : "not a regular file"),
    (e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? "no such file" : (e.code ?? "unreadable")),
  );
  const rule = "names no readable file";
  return invalid("input", input, rule, `input: ${JSON.stringify(input)} ${rule} (${full}: ${why})`);
}

async function isFile(input: string): Promise<boolean> {
  if (input.includes("\n") || input.length > 4096) return false;
  try {
    return (await stat(input)).isFile();
  } catch {
    return false;
  }
}
