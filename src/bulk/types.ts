import type { Violation } from "../schema/index.js";

/** The input formats `importIocs` reads. */
export type InputFormat = "csv" | "json" | "text" | "stix";

/** One record of the input, with the 1-based line of the source it started on. */
export interface SourceRow {
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A row refused before any request: its line, the first broken rule, and every violation. */
export interface Rejection {
  readonly line: number;
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
  /** Every violation of the row as one sentence each, joined by "; ". */
  readonly reason: string;
  readonly violations: readonly Violation[];
}

/** What a reader makes of an input: rows to validate, rows it could not read, and columns it ignored. */
export interface ReadResult {
  readonly format: InputFormat;
  readonly rows: readonly SourceRow[];
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly string[];
}

/** Builds a rejection from one or more violations of one row. */
export function rejection(line: number, violations: readonly Violation[]): Rejection {
  const first = violations[0] ?? { field: "(row)", value: undefined, rule: "is invalid" };
  const reason = violations.map((v) => `${v.field}: ${shown(v.value)} ${v.rule}`).join("; ");
  return { line, field: first.field, value: first.value, rule: first.rule, reason, violations };
}

function shown(value: unknown): string {
  const text = value === undefined ? "(missing)" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
