import { createHash } from "node:crypto";
import { STORE_SETS, type Change } from "./store.js";

/** First line of every state file this version writes. */
export const JOURNAL_HEADER = JSON.stringify({ format: "ti-emulator-journal", version: 2 });
/** The header of the first format (records without checksums); such a file is read and rewritten as version 2. */
export const JOURNAL_HEADER_V1 = JSON.stringify({ format: "ti-emulator-journal", version: 1 });

/** A compacted file's second record: the Id counters, so that Ids of deleted entities are never reused. */
export type NextIds = { readonly nextIds: Readonly<Record<string, number>> };
/** What one journal line holds: the changes of one commit, or the Id counters. */
export type JournalRecord = readonly Change[] | NextIds;

// Hex digits of the SHA-256 kept per line: enough to catch any flipped byte, short enough to read past.
const SUM_LENGTH = 16;

/**
 * One journal line (without its newline): a checksum of the JSON, a space, the JSON.
 * @example encodeRecord([{ op: "clear" }]) // "3f1c... [{\"op\":\"clear\"}]"
 */
export function encodeRecord(record: JournalRecord): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}`;
}

/**
 * The record of a line, or the reason it is not one (a checksum that does not match, JSON that is not a record).
 * @example decodeRecord(encodeRecord([{ op: "clear" }]), 2) // [{ op: "clear" }]
 */
export function decodeRecord(line: string, version: 1 | 2): JournalRecord | string {
  let json = line;
  if (version === 2) {
    json = line.slice(SUM_LENGTH + 1);
    if (line[SUM_LENGTH] !== " " || line.slice(0, SUM_LENGTH) !== checksum(json)) return "fails its checksum";
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return "is not valid JSON";
  }
  if (isNextIds(parsed) || (Array.isArray(parsed) && parsed.every(isChange))) return parsed;
  return "is not a list of changes";
}

function checksum(json: string): string {
  return createHash("sha256").update(json).digest("hex").slice(0, SUM_LENGTH);
}

function isNextIds(value: unknown): value is NextIds {
  const ids = (value as Partial<NextIds> | null)?.nextIds;
  return typeof ids === "object" && ids !== null && Object.values(ids).every((n) => Number.isSafeInteger(n));
}

function isChange(value: unknown): value is Change {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  if (c["op"] === "clear") return true;
  if (!(STORE_SETS as readonly unknown[]).includes(c["set"])) return false;
  if (c["op"] === "delete") return Number.isSafeInteger(c["id"]);
  const entity = c["entity"] as Record<string, unknown> | undefined;
  return c["op"] === "put" && typeof entity === "object" && entity !== null && !Array.isArray(entity);
}
