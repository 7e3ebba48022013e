import type { DetectionFunction, IocType } from "./enums.js";

const HEX_LENGTH: Readonly<Partial<Record<IocType, number>>> = { Sha1: 40, Sha256: 64, Md5: 32 };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_FULL = /^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}$/i;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** True for a dotted-quad IPv4 address (no CIDR, no ranges, no leading zeros). */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** True for an IPv6 address written with all eight groups, as the docs require (no `::`, no CIDR). */
export function isIpv6(value: string): boolean {
  return IPV6_FULL.test(value);
}

/**
 * The full eight-group form of an IPv6 address written with `::` or an IPv4 tail (`2001:db8::1` is
 * `2001:db8:0:0:0:0:0:1`, `::ffff:192.0.2.1` is `0:0:0:0:0:ffff:c000:201`), lower-cased; undefined for anything
 * else (an address already in full, CIDR, zones, not IPv6). The service takes only the full form.
 * @example expandIpv6("2001:DB8::1") // "2001:db8:0:0:0:0:0:1"
 */
export function expandIpv6(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  if (isIpv6(text) || !/^[0-9a-f:.]+$/.test(text) || !text.includes(":")) return undefined;
  let groups = text;
  const tail = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    if (!isIpv4(tail[2]!)) return undefined;
    const [a, b, c, d] = tail[2]!.split(".").map(Number) as [number, number, number, number];
    groups = `${tail[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = groups.split("::");
  if (halves.length > 2) return undefined;
  const side = (part: string | undefined): string[] => (part ? part.split(":") : []);
  const head = side(halves[0]);
  const rest = side(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const full = [...head, ...Array<string>(Math.max(missing, 0)).fill("0"), ...rest].join(":");
  return isIpv6(full) ? full : undefined;
}

/** True for a host name: dot-separated labels of letters, digits and inner hyphens, at least two labels. */
export function isDomainName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.replace(/\.$/, "").split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels.at(-1) ?? "");
}

/** True for an absolute http or https URL with a host (what a `Url` indicator takes); no spaces. */
export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value) || !/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date-time with a time zone, e.g. `2030-01-31T00:00:00Z` (up to 7 fraction digits). */
export function isIsoDateTime(value: unknown): value is string {
  return typeof value === "string" && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * The rule an IOC value breaks for its type, or undefined when it is well formed. `Equals` needs a whole value;
 * the partial-match functions need only a fragment of the right alphabet.
 * @example valueRule("Sha1", "Equals", "abc") // "must be 40 hexadecimal characters"
 */
export function valueRule(type: IocType, fn: DetectionFunction, value: string): string | undefined {
  const whole = fn === "Equals";
  const hexLength = HEX_LENGTH[type];
  if (hexLength !== undefined) {
    if (whole)
      return /^[0-9a-f]+$/i.test(value) && value.length === hexLength
        ? undefined
        : `must be ${hexLength} hexadecimal characters`;
    return /^[0-9a-f]+$/i.test(value) && value.length <= hexLength
      ? undefined
      : `must be hexadecimal, at most ${hexLength} characters`;
  }
  if (type === "IpAddress") {
    if (whole)
      return isIpv4(value) || isIpv6(value)
        ? undefined
        : "must be an IPv4 dotted quad or a full IPv6 address (no CIDR, no ranges)";
    return /^[0-9a-f.:]+$/i.test(value)
      ? undefined
      : "must contain only IP address characters (digits, hex, '.', ':')";
  }
  if (whole)
    return isDomainName(value)
      ? undefined
      : "must be a valid host name (labels of letters, digits and hyphens, separated by dots)";
  return /^[a-z0-9.-]+$/i.test(value)
    ? undefined
    : "must contain only host name characters (letters, digits, '.', '-')";
}

/**
 * The value in its canonical form: trimmed, hex and domain names lower-cased, IPv6 lower-cased.
 * @example normalizeValue("Sha1", " DEAD1111... ") // "dead1111..."
 */
export function normalizeValue(type: IocType, value: string): string {
  const trimmed = value.trim();
  return type === "IpAddress" && isIpv4(trimmed) ? trimmed : trimmed.toLowerCase();
}

/**
 * The IOC type a bare value looks like (hash by length, IP, domain), or undefined when none fits.
 * @example inferIocType("52.184.197.12") // "IpAddress"
 */
export function inferIocType(value: string): IocType | undefined {
  const v = value.trim();
  if (/^[0-9a-f]+$/i.test(v)) {
    if (v.length === 40) return "Sha1";
    if (v.length === 64) return "Sha256";
    if (v.length === 32) return "Md5";
  }
  if (isIpv4(v) || isIpv6(v) || expandIpv6(v) !== undefined) return "IpAddress";
  if (isDomainName(v)) return "DomainName";
  return undefined;
}
