import { ODataFailure } from "./errors.js";

// type/subtype, then `; name=value` parameters (value a token or a quoted string), nothing else.
const MEDIA_TYPE =
  /^\s*([a-z0-9!#$&^_.+-]+)\/([a-z0-9!#$&^_.+-]+)\s*((?:;\s*[a-z0-9!#$&^_.+-]+=(?:[^;"\s]+|"[^"]*")\s*)*)$/i;
const PARAMETER = /;\s*([a-z0-9!#$&^_.+-]+)=("[^"]*"|[^;"\s]+)/gi;

/**
 * Checks that a Content-Type names JSON (`application/json` or a `+json` type) in UTF-8 (no charset, or
 * `charset=utf-8`), and throws 415 UnsupportedMediaType naming what was sent otherwise. A missing header is
 * refused too: browsers send JSON from other sites as text/plain or with no type at all.
 * @example requireJson("application/json; charset=utf-8") // passes
 */
export function requireJson(contentType: string | undefined): void {
  const match = MEDIA_TYPE.exec(contentType ?? "");
  const [type, subtype] = [match?.[1]?.toLowerCase(), match?.[2]?.toLowerCase()];
  if (type !== "application" || (subtype !== "json" && !subtype?.endsWith("+json"))) {
    throw unsupported(`Content-Type must be application/json (got ${contentType ?? "none"})`);
  }
  for (const [, name, raw] of (match?.[3] ?? "").matchAll(PARAMETER)) {
    const value = (raw ?? "").replace(/^"|"$/g, "").toLowerCase();
    if (name?.toLowerCase() === "charset" && value !== "utf-8" && value !== "utf8") {
      throw unsupported(`Content-Type charset must be utf-8 (got ${value})`);
    }
  }
}

function unsupported(message: string): ODataFailure {
  return new ODataFailure(415, "UnsupportedMediaType", message);
}
