import { odataError } from "../protocol/errors.js";

/** What a skiptoken remembers: the sort values (ending with Id) of the last entity sent. */
export type SkipToken = readonly unknown[];

/**
 * Encodes a position as an opaque `$skiptoken` (base64url JSON).
 * @example encodeSkipToken([42]) // "WzQyXQ"
 */
export function encodeSkipToken(position: SkipToken): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/**
 * Decodes a `$skiptoken`; one the emulator did not make (or made for another `$orderby`) is a 400 ODataError.
 * @example decodeSkipToken("WzQyXQ", 1) // [42]
 */
export function decodeSkipToken(token: string, length: number): SkipToken {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== length || !Number.isInteger(value[value.length - 1])) {
    throw odataError(
      "$skiptoken is not one this service issued for this query; follow @odata.nextLink as given",
    );
  }
  return value;
}
