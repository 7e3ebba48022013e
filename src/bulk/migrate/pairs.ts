import type { AlertDefinition, IndicatorOfCompromise } from "../../schema/index.js";
import { validateEntity } from "../../schema/index.js";
import { invalid } from "../errors.js";
import { readInput } from "../input/read.js";
import { signalOption } from "../sets.js";
import { definitionField } from "../targets/ioc-columns.js";
import { normalizeRows } from "../targets/ioc-rows.js";
import type { Duplicate } from "../targets/target.js";
import { rejection, type SourceRow } from "../types.js";
import type { MigrationPair, MigrationSource, NotMigrated } from "./types.js";

/** The fields of an IOC and of its alert definition that the mapping reads (Part 3). */
export interface SourcePair {
  readonly pair: MigrationPair;
  readonly ioc: Pick<IndicatorOfCompromise, "Type" | "Value" | "DetectionFunction" | "Enabled" | "ExpiresAt">;
  readonly definition: Pick<
    AlertDefinition,
    "Severity" | "Title" | "UxDescription" | "RecommendedAction" | "Enabled"
  >;
}

/** The pairs of a source, those of its rows that could not be read as one, and a file's repeated rows. */
export interface SourcePairs {
  readonly rows: number;
  readonly pairs: readonly SourcePair[];
  readonly rejected: readonly NotMigrated[];
  readonly duplicates: readonly Duplicate[];
}

/**
 * Reads every (alert definition, IOC) pair of a custom-TI session (both sets listed, pairs ordered by definition
 * then IOC Id, numbered from 1) or of an export file with its definitions (the file's lines).
 * @example const { pairs } = await readPairs(customTiSession, undefined)
 */
export function readPairs(source: MigrationSource, signal: AbortSignal | undefined): Promise<SourcePairs> {
  return typeof source === "string" ? filePairs(source, signal) : sessionPairs(source, signal);
}

async function sessionPairs(
  source: Exclude<MigrationSource, string>,
  signal: AbortSignal | undefined,
): Promise<SourcePairs> {
  const options = { pageSize: 1000, ...signalOption(signal) };
  const definitions = new Map((await source.alerts.list(options).toArray()).map((d) => [d.Id, d]));
  const iocs = await source.iocs.list(options).toArray();
  iocs.sort((a, b) => a.AlertDefinitionId - b.AlertDefinitionId || a.Id - b.Id);
  const pairs: SourcePair[] = [];
  const rejected: NotMigrated[] = [];
  iocs.forEach((ioc, index) => {
    const pair = pairOf(index + 1, ioc.Id, ioc.AlertDefinitionId, ioc);
    const definition = definitions.get(ioc.AlertDefinitionId);
    if (definition) pairs.push({ pair, ioc, definition });
    else {
      const rule = "names no alert definition the source lists";
      rejected.push({
        ...rejection(pair.line, [{ field: "AlertDefinition", value: pair.alertDefinitionId, rule }]),
        pair,
      });
    }
  });
  return { rows: iocs.length, pairs, rejected, duplicates: [] };
}

async function filePairs(path: string, signal: AbortSignal | undefined): Promise<SourcePairs> {
  const read = await readInput(path, { signal });
  const byLine = new Map(read.rows.map((row) => [row.line, row]));
  if (!read.rows.some((row) => Object.keys(row.fields).some((name) => definitionField(name) === "Title"))) {
    const rule = "has no alert definition columns: write it with iocs.export(path, { definitions: true })";
    throw invalid("source", path, rule, `source: ${JSON.stringify(path)} ${rule}`);
  }
  const iocs = normalizeRows(read.rows, {});
  const rejected: NotMigrated[] = [...read.rejected, ...iocs.rejected].map((r) => ({
    ...r,
    pair: undefined,
  }));
  const pairs: SourcePair[] = [];
  for (const candidate of iocs.candidates) {
    const ioc = candidate.body as unknown as SourcePair["ioc"];
    const pair = pairOf(candidate.line, undefined, candidate.alertId, ioc);
    const { body, errors } = definitionOf(byLine.get(candidate.line));
    if (errors.length) rejected.push({ ...rejection(pair.line, errors), pair });
    else pairs.push({ pair, ioc, definition: body as unknown as SourcePair["definition"] });
  }
  const rows = read.rows.length + read.rejected.length;
  const sorted = rejected.sort((a, b) => a.line - b.line);
  return { rows, pairs, rejected: sorted, duplicates: iocs.duplicates };
}

// The definition's columns of one row, checked by the schema's rules (as `alerts.create` would).
function definitionOf(row: SourceRow | undefined): ReturnType<typeof validateEntity> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row?.fields ?? {})) {
    const field = definitionField(name);
    // An empty cell is a field the definition did not have (RecommendedAction null).
    if (field && value !== "" && value !== null) fields[field] = value;
  }
  const checked = validateEntity("AlertDefinitions", fields, { mode: "create" });
  const errors = checked.errors.map((e) => ({ ...e, field: `AlertDefinition.${e.field}` }));
  return { ...checked, errors };
}

function pairOf(
  line: number,
  iocId: number | undefined,
  alertDefinitionId: number,
  ioc: { readonly Type: unknown; readonly Value: unknown },
): MigrationPair {
  return { line, iocId, alertDefinitionId, type: String(ioc.Type), value: String(ioc.Value) };
}
