import { parse } from "csv-parse/sync";
import { ValidationError } from "../../http/errors.js";
import { rejection, type ReadResult, type SourceRow } from "../types.js";

interface CsvRecord {
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

function parseRecords(text: string): CsvRecord[] {
  try {
    const options = { info: true, bom: true, comment: "#", comment_no_infix: true, skip_empty_lines: true };
    return parse(text, { ...options, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (error) {
    // A structural error (an unclosed quote) makes every later row doubtful: refuse the file, naming the line.
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === "number" ? ` at line ${line}` : "";
    throw new ValidationError(`The CSV input cannot be parsed${where}: ${(error as Error).message}`, []);
  }
}

// csv-parse reports the line a record ends on; a quoted cell may span lines, so count back to where it started.
function startLine(record: readonly string[], endLine: number): number {
  const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return endLine - inner;
}
