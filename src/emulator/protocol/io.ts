import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodyBudget } from "../control/body-budget.js";
import { bodyTooLarge, invalidBody, type ODataFailure, serverBusy } from "./errors.js";
import { requireJson } from "./media-type.js";

/** Largest request body read (a full 5,000-entity bulk upload is about 1.5 MB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Largest form body (token requests): a client-credentials form is a few hundred bytes. */
export const MAX_FORM_BYTES = 64 * 1024;
// Deeper JSON than any entity needs (an entity is flat; a bulk body is two levels) is refused, not walked.
const MAX_JSON_DEPTH = 32;

/**
 * Reads the whole request body as text within `limit` bytes (413 beyond it), holding the bytes against the
 * emulator's in-flight budget (503 with Retry-After when other bodies use it up).
 * @example const text = await readBody(req, MAX_BODY_BYTES, service.bodies)
 */
export async function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > limit) throw bodyTooLarge(limit);
  let reserved = 0;
  let refused: ODataFailure | undefined;
  const hold = (bytes: number): boolean => {
    if (!budget.reserve(bytes)) return false;
    reserved += bytes;
    return true;
  };
  try {
    if (declared > 0 && !hold(declared)) refused = serverBusy();
    const chunks: Buffer[] = [];
    let size = 0;
    // A refused body is still read to its end, but dropped: leaving the loop early destroys the request and
    // its socket, so the client would see a reset instead of the 413 or 503 (and its Retry-After).
    for await (const chunk of req) {
      if (refused) continue;
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit) refused = bodyTooLarge(limit);
      else if (size > reserved && !hold(size - reserved)) refused = serverBusy();
      if (refused) chunks.length = 0;
      else chunks.push(buffer);
    }
    if (refused) throw refused;
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    budget.release(reserved);
  }
}

/**
 * Parses a JSON body; an empty body is `undefined` (actions accept one). A body needs a JSON Content-Type (415
 * otherwise); unparsable or too deeply nested JSON is a 400.
 * @example parseJsonBody('{"a":1}', "application/json") // { a: 1 }
 */
export function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === "") return undefined;
  requireJson(contentType);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidBody(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (depthOf(value) > MAX_JSON_DEPTH)
    throw invalidBody(`The body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  return value;
}

/**
 * Nesting depth of a parsed value, walked with explicit stacks (recursion would overflow on hostile input). Only
 * objects are pushed, in two parallel stacks: a BulkUpload body holds thousands of scalars, and a tuple per value
 * showed in the emulator's profile.
 */
function depthOf(root: unknown): number {
  if (typeof root !== "object" || root === null) return 0;
  let deepest = 0;
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_JSON_DEPTH) break;
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (typeof child !== "object" || child === null) continue;
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return deepest;
}

/** Sends a JSON reply with the OData headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // Encoded once: measuring the UTF-8 length of a large reply, then writing the string, would encode it twice.
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, {
    "Content-Type": "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8",
    "OData-Version": "4.0",
    "Content-Length": bytes.length,
    ...headers,
  });
  res.end(bytes);
}

/** Sends a text reply (`$count`, `$metadata`). */
export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {
    "Content-Type": contentType,
    "OData-Version": "4.0",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Sends an empty reply (204). */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "OData-Version": "4.0", ...headers });
  res.end();
}
