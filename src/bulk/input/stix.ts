import { ValidationError } from "../../errors/index.js";
import type { IndicatorType, IocType } from "../../schema/index.js";
import { rejection, type ReadResult, type Rejection, type SourceRow } from "../types.js";
import { arrayElementLines, parseJson, rootArrayKey } from "./json-text.js";

// One comparison in brackets: [object-path = 'value']. Compound patterns (AND, OR, FOLLOWEDBY) do not match.
const PATTERN = /^\[\s*([a-z0-9-]+:[a-z0-9_.'-]+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]$/i;

const PATH_TYPES: Readonly<Record<string, IocType>> = {
  "file:hashes.'sha-1'": "Sha1",
  "file:hashes.sha1": "Sha1",
  "file:hashes.'sha-256'": "Sha256",
  "file:hashes.sha256": "Sha256",
  "file:hashes.md5": "Md5",
  "file:hashes.'md5'": "Md5",
  "ipv4-addr:value": "IpAddress",
  "ipv6-addr:value": "IpAddress",
  "domain-name:value": "DomainName",
};

/**
 * The patterns only the Indicators API has a type for (Url, CertificateThumbprint: Part 2.3), read when the
 * target takes them (custom TI's import keeps refusing them as patterns it cannot map).
 */
const INDICATOR_PATHS: Readonly<Record<string, IndicatorType>> = {
  "url:value": "Url",
  "x509-certificate:hashes.'sha-1'": "CertificateThumbprint",
  "x509-certificate:hashes.sha1": "CertificateThumbprint",
};

/**
 * Reads a STIX 2.1 bundle: each `indicator` whose pattern is one file hash (SHA-1, SHA-256, MD5), IPv4, IPv6 or
 * domain comparison becomes a row (its `valid_until` becomes ExpiresAt); other indicators are rejected with the
 * reason; non-indicator objects are ignored. With `indicatorTypes`, url and x509 SHA-1 patterns are rows too.
 * @example readStix(bundleText).rows[0].fields // { Type: "Sha256", Value: "...", ... }
 */
export function readStix(text: string, indicatorTypes = false): ReadResult {
  const root = parseJson(text, "STIX");
  const key = rootArrayKey(root, "objects");
  const objects = key === undefined ? undefined : (root as Record<string, unknown>)[key];
  if (!Array.isArray(objects)) throw new ValidationError('A STIX bundle must have an "objects" array', []);
  const lines = arrayElementLines(text, key);
  const rows: SourceRow[] = [];
  const rejected: Rejection[] = [];
  let ignored = 0;
  objects.forEach((object: unknown, index) => {
    const line = lines[index] ?? index + 1;
    const indicator = object as Record<string, unknown> | null;
    if (indicator?.["type"] !== "indicator") return void ignored++;
    const row = indicatorRow(indicator, line, indicatorTypes);
    if ("fields" in row) rows.push(row);
    else rejected.push(row);
  });
  const warnings = ignored ? [`${ignored} STIX object(s) other than indicators were ignored`] : [];
  return { format: "stix", rows, rejected, warnings };
}

function indicatorRow(
  indicator: Record<string, unknown>,
  line: number,
  indicatorTypes: boolean,
): SourceRow | Rejection {
  const { pattern, pattern_type: patternType, valid_until: validUntil, revoked } = indicator;
  if (patternType !== undefined && patternType !== "stix")
    return rejection(line, [{ field: "pattern_type", value: patternType, rule: "is not stix" }]);
  if (revoked === true)
    return rejection(line, [{ field: "revoked", value: true, rule: "indicator is revoked" }]);
  const match = typeof pattern === "string" ? PATTERN.exec(pattern.trim()) : null;
  const path = (match?.[1] ?? "").toLowerCase();
  const type = match ? (PATH_TYPES[path] ?? (indicatorTypes ? INDICATOR_PATHS[path] : undefined)) : undefined;
  if (!match || !type) {
    const more = indicatorTypes ? ", URL or certificate thumbprint" : "";
    const rule = `is not a single comparison of a file hash (SHA-1, SHA-256, MD5), IPv4, IPv6 or domain name${more}`;
    return rejection(line, [{ field: "pattern", value: pattern, rule }]);
  }
  const value = (match[2] ?? "").replace(/\\(.)/g, "$1");
  const fields: Record<string, unknown> = { Type: type, Value: value };
  if (typeof validUntil === "string") fields["ExpiresAt"] = validUntil;
  return { line, fields };
}
