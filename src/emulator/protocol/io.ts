import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyTooLarge, invalidBody } from "./errors.js";

/** Largest request body read (a full 5,000-entity bulk upload is about 1.5 MB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads the whole request body as text, refusing more than {@link MAX_BODY_BYTES}.
 * @example const text = await readBody(req)
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Parses a JSON body; an empty body is `undefined` (actions accept one), anything unparsable is a 400.
 * @example parseJsonBody('{"a":1}', "application/json") // { a: 1 }
 */
export function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === "") return undefined;
  if (contentType !== undefined && !/json/i.test(contentType)) {
    throw invalidBody(`Content-Type must be application/json (got ${contentType})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidBody(`The body is not valid JSON: ${(error as Error).message}`);
  }
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
