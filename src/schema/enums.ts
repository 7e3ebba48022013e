/** Alert severities, as the successor Indicators API publishes them (the custom TI docs show only Low and Medium). */
export const SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Alert categories of the Defender ATP era. The docs show Trojan, Malware, Backdoor and SuspiciousNetworkTraffic;
 * the real list is unpublished, so clients warn on other values rather than refuse them.
 */
export const CATEGORIES = [
  "Backdoor",
  "Collection",
  "CommandAndControl",
  "CredentialAccess",
  "DefenseEvasion",
  "Discovery",
  "Execution",
  "Exfiltration",
  "Exploit",
  "General",
  "InitialAccess",
  "LateralMovement",
  "Malware",
  "Persistence",
  "PrivilegeEscalation",
  "Ransomware",
  "SuspiciousActivity",
  "SuspiciousNetworkTraffic",
  "Trojan",
  "TrojanDownloader",
  "UnwantedSoftware",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** IOC types: the only list the docs give. */
export const IOC_TYPES = ["Sha1", "Sha256", "Md5", "IpAddress", "DomainName"] as const;
export type IocType = (typeof IOC_TYPES)[number];

/** How an IOC's value is matched ("operators" in the docs). */
export const DETECTION_FUNCTIONS = ["Equals", "StartWith", "EndWith", "Contains"] as const;
export type DetectionFunction = (typeof DETECTION_FUNCTIONS)[number];

/**
 * What a client may write for a member of an enum: its spelling, or the whole of it in upper or lower case (the
 * docs send both `SHA1` and `Sha1`; values are matched without regard to case). Anything else fails to typecheck.
 * @example const type: EnumInput<IocType> = "SHA256"
 */
export type EnumInput<T extends string> = T | Uppercase<T> | Lowercase<T>;

/**
 * The canonical spelling of an enum value, matched without regard to case (the docs send both `SHA1` and `Sha1`),
 * or undefined when it is not a member.
 * @example canonicalEnum(IOC_TYPES, "SHA1") // "Sha1"
 */
export function canonicalEnum<T extends string>(values: readonly T[], input: unknown): T | undefined {
  if (typeof input !== "string") return undefined;
  const wanted = input.toLowerCase();
  return values.find((v) => v.toLowerCase() === wanted);
}

/**
 * A severity's rank, lowest first (Informational 0 … High 3), matched without regard to case; -1 for anything
 * else, so an unknown value sorts below every known one.
 * @example severityRank("high") // 3
 */
export function severityRank(severity: unknown): number {
  const known = canonicalEnum(SEVERITIES, severity);
  return known === undefined ? -1 : SEVERITIES.indexOf(known);
}

/**
 * Orders two severities by rank, lowest first (reverse the arguments for High first); not by name, which would
 * put High before Low.
 * @example ["High", "Low", "Medium"].sort(compareSeverity) // ["Low", "Medium", "High"]
 */
export function compareSeverity(a: unknown, b: unknown): number {
  return severityRank(a) - severityRank(b);
}
