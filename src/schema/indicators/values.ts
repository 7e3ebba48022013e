import { isDomainName, isHttpUrl, isIpv4, isIpv6 } from "../values.js";
import type { IndicatorType } from "./enums.js";

const HEX_LENGTH: Readonly<Partial<Record<IndicatorType, number>>> = {
  FileSha1: 40,
  FileSha256: 64,
  FileMd5: 32,
  CertificateThumbprint: 40,
};

/**
 * The rule an indicator value breaks for its type, or undefined when it is well formed (ti-api.md Part 5): hashes
 * and thumbprints as hex of their length, IPs as a dotted quad or a full IPv6 (no CIDR, no ranges, not loopback),
 * domains as host names, URLs as absolute http(s) URLs. Expects the value normalised.
 * @example indicatorValueRule("FileSha1", "abc") // "must be 40 hexadecimal characters"
 */
export function indicatorValueRule(type: IndicatorType, value: string): string | undefined {
  const hexLength = HEX_LENGTH[type];
  if (hexLength !== undefined) {
    return /^[0-9a-f]+$/i.test(value) && value.length === hexLength
      ? undefined
      : `must be ${hexLength} hexadecimal characters`;
  }
  switch (type) {
    case "IpAddress":
      if (!isIpv4(value) && !isIpv6(value))
        return "must be an IPv4 dotted quad or a full IPv6 address of 8 groups (no CIDR, no ranges)";
      return isLoopback(value) ? "must not be a loopback address" : undefined;
    case "DomainName":
      return isDomainName(value)
        ? undefined
        : "must be a valid host name (labels of letters, digits and hyphens, separated by dots)";
    default:
      return isHttpUrl(value) ? undefined : "must be an absolute http:// or https:// URL";
  }
}

/**
 * The value in the form indicators are compared in: trimmed; hashes, thumbprints and domains lower-cased; IPv6
 * lower-cased with every group written in four digits. URLs and IPv4 are kept as given (trimmed).
 * @example normalizeIndicatorValue("IpAddress", "2001:DB8:0:0:0:0:0:1") // "2001:0db8:0000:0000:0000:0000:0000:0001"
 */
export function normalizeIndicatorValue(type: IndicatorType, value: string): string {
  const trimmed = value.trim();
  if (type === "Url") return trimmed;
  if (type !== "IpAddress") return trimmed.toLowerCase();
  if (!isIpv6(trimmed)) return trimmed;
  return trimmed
    .toLowerCase()
    .split(":")
    .map((group) => group.padStart(4, "0"))
    .join(":");
}

/**
 * A doubt about an IP value that is not an error: the docs say internal addresses cannot be indicators, while the
 * portal's own sample uses 10.10.10.10, so the client warns on private, link-local and unique-local ranges.
 * @example privateIpWarning("10.10.10.10") // "is a private address: the docs say only external IPs are matched"
 */
export function privateIpWarning(value: string): string | undefined {
  const internal = isIpv4(value) ? privateIpv4(value) : isIpv6(value) && /^(f[cd]|fe[89ab])/i.test(value);
  return internal ? "is a private address: the docs say only external IPs are matched" : undefined;
}

function privateIpv4(value: string): boolean {
  const [a = 0, b = 0] = value.split(".").map(Number);
  return (
    a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  );
}

function isLoopback(value: string): boolean {
  if (isIpv4(value)) return value.startsWith("127.");
  return /^(0{1,4}:){7}0{0,3}1$/.test(value);
}

/**
 * The key submit upserts on: normalised value, type and action (ti-api.md Part 5).
 * @example indicatorKey({ indicatorValue: "a.example", indicatorType: "DomainName", action: "Block" })
 */
export function indicatorKey(indicator: Readonly<Record<string, unknown>>): string {
  return JSON.stringify([indicator["indicatorValue"], indicator["indicatorType"], indicator["action"]]);
}
