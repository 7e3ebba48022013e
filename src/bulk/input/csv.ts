import { parse } from "csv-parse/sync";
import { ValidationError } from "../../errors/index.js";
import { rejection, type ReadResult, type SourceRow } from "../types.js";

/** A parsed CSV record and the line it ends on. */
export interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Reads CSV with a header row; header names are kept as written (matched to IOC fields later, without regard to
 * case); empty cells count as absent; `#` lines are comments. A row with the wrong number of cells is rejected.
 * @example readCsv("type,value\nSha1,8311e8b377736fb93b18b15372355f3f26c4cd29\n").rows[0].line // 2
 */
export function readCsv(text: string): ReadResult {
  const records = parseRecords(text);
  const [header, ...body] = records;
  if (!header) return { format: "csv", rows: [], rejected: [], warnings: [] };
  const names = header.record.map((h) => h.trim());
  const rows: SourceRow[] = [];
  const rejected = [];
  for (const { record, info } of body) {
    const line = startLine(record, info.lines);
    if (record.length !== names.length) {
      const rule = `has ${record.length} cells but the header has ${names.length}`;
      rejected.push(rejection(line, [{ field: "(row)", value: record.join(","), rule }]));
      continue;
    }
    const fields: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const cell = record[i]?.trim() ?? "";
      if (cell !== "") fields[name] = cell;
    });
    rows.push({ line, fields });
  }
  return { format: "csv", rows, rejected, warnings: [] };
}

/**
 * The records of a CSV text with the line each ends on, parsed by csv-parse. Exported for its test.
 * @example parseRecords("a,b\n1,2")[1] // { record: ["1", "2"], info: { lines: 2 } }
 */
export function parseRecords(text: string): CsvRecord[] {
  const options = { bom: true, comment: "#", comment_no_infix: true, skip_empty_lines: true };
  try {
    // Without quotes or carriage returns a record is a line and a cell what lies between commas: split here,
    // as csv-parse would (it was a fifth of the client's CPU on the bulk path, in bench/profile.ts).
    if (!text.includes('"') && !text.includes("\r")) return splitPlain(text);
    // csv-parse's `info` (the line of each record) costs it more than the parsing itself. Without quotes no
    // record spans lines, so each record is one non-empty, non-comment line and its number can be counted here.
    if (!text.includes('"')) {
      const records = parse(text, { ...options, relax_column_count: true }) as string[][];
      const lines = recordLines(text);
      if (lines.length === records.length)
        return records.map((record, i) => ({ record, info: { lines: lines[i]! } }));
    }
    return parse(text, { ...options, info: true, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (error) {
    // A structural error (an unclosed quote) makes every later row doubtful: refuse the file, naming the line.
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === "number" ? ` at line ${line}` : "";
    throw new ValidationError(`The CSV input cannot be parsed${where}: ${(error as Error).message}`, []);
  }
}

/** The records of a CSV without quotes or `\r`: each line not empty and not a comment, split at commas. */
function splitPlain(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  text.split("\n").forEach((line, i) => {
    const bare = i === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (bare !== "" && !bare.startsWith("#"))
      records.push({ record: bare.split(","), info: { lines: i + 1 } });
  });
  return records;
}

/** The 1-based numbers of the lines that hold records in a CSV without quotes (not empty, not a comment). */
function recordLines(text: string): number[] {
  const numbers: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    const bare = i === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (bare !== "" && !bare.startsWith("#")) numbers.push(i + 1);
  });
  return numbers;
}

// csv-parse reports the line a record ends on; a quoted cell may span lines, so count back to where it started.
function startLine(record: readonly string[], endLine: number): number {
  const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return endLine - inner;
}
