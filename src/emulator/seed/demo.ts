import { CATEGORIES, DOCS_ALERT_DEFINITION, DOCS_IOC, SEVERITIES } from "../../schema/index.js";
import { DAY_MS, DEMO_PRNG_SEED, demoDice, type DemoDice } from "./demo-random.js";
import type { Seed } from "./seed.js";

/** How far back the demo's creation dates reach: three months. */
export const DEMO_SPAN_DAYS = 90;

const THEMES = [
  "Emotet loader",
  "Qakbot dropper",
  "Cobalt Strike beacon",
  "Phishing kit",
  "Credential harvester",
  "Crypto miner",
  "Ransomware staging",
  "Remote access tool",
  "Web shell",
  "Info stealer",
] as const;
const DOMAINS = ["contoso-login", "fabrikam-update", "northwind-cdn", "tailspin-mail", "adatum-vpn"] as const;
const TLDS = [".example", ".example.net", ".example.org"] as const;

/**
 * The demo data set (`--seed demo`): 40 alert definitions and about 300 IOCs from a fixed PRNG seed, spread over
 * every severity, a dozen categories, the five IOC types and all four detection functions, created over the 90
 * days before `nowMs`. Dates are relative to the emulator's clock (not a fixed anchor) so the IOCs meant to be
 * expired are expired on any day and none is created in the future; with a fixed `now` option the set is the same
 * to the byte. To find in it: a few disabled definitions and IOCs (rows a migration rejects), partial matches
 * (StartWith/EndWith/Contains), IOCs that expired, and near-duplicates (one hash in two definitions, once more in upper
 * case, which the service stores in lower case, a domain also covered by an `EndWith`).
 * @example demoSeed(Date.now()).alertDefinitions.length // 40
 */
export function demoSeed(nowMs: number): Seed {
  const dice = demoDice(DEMO_PRNG_SEED);
  const at = (daysAgo: number): string => new Date(nowMs - daysAgo * DAY_MS).toISOString();
  const categories = CATEGORIES.filter((_, i) => i % 2 === 0);
  const definitions = Array.from({ length: 40 }, (_, i) => {
    const theme = THEMES[i % THEMES.length] as string;
    const daysAgo = DEMO_SPAN_DAYS - Math.floor((i * DEMO_SPAN_DAYS) / 40);
    const iocs = Array.from({ length: dice.int(4, 11) }, () => demoIoc(dice, nowMs, daysAgo));
    return {
      Name: `${theme} wave ${Math.floor(i / THEMES.length) + 1}`,
      Severity: dice.pick(SEVERITIES, [2, 4, 3, 2]),
      InternalDescription: `Demo data: ${theme.toLowerCase()} indicators from a partner feed.`,
      Title: `${theme} activity detected`,
      UxDescription: `A device matched an indicator of the ${theme.toLowerCase()} campaign.`,
      RecommendedAction: "Isolate the device, collect the file and reset the user's credentials.",
      Category: dice.pick(categories),
      // Every ninth is disabled: a migration to the Indicators API has rows to reject.
      Enabled: i % 9 !== 4,
      CreatedAt: at(daysAgo),
      iocs,
    };
  });
  addNearDuplicates(definitions);
  return {
    alertDefinitions: [{ ...DOCS_ALERT_DEFINITION, CreatedAt: at(0), iocs: [DOCS_IOC] }, ...definitions],
  };
}

type DemoIoc = Record<string, unknown> & { Value: string; Type: string };

function demoIoc(dice: DemoDice, nowMs: number, definitionDaysAgo: number): DemoIoc {
  const daysAgo = dice.int(0, definitionDaysAgo);
  const createdMs = nowMs - daysAgo * DAY_MS - dice.int(0, 23) * 3_600_000;
  const Type = dice.pick(["Sha1", "Sha256", "Md5", "IpAddress", "DomainName"] as const, [4, 2, 2, 2, 3]);
  const domain = `${dice.pick(DOMAINS)}-${dice.hex(4)}${dice.pick(TLDS)}`;
  const [Value, DetectionFunction] = ((): [string, string] => {
    if (Type === "Sha1") return [dice.hex(40), "Equals"];
    if (Type === "Sha256") return [dice.hex(64), "Equals"];
    if (Type === "Md5") return [dice.hex(32), "Equals"];
    if (Type === "IpAddress") return [`203.0.${dice.int(0, 255)}.${dice.int(1, 254)}`, "Equals"];
    const fn = dice.pick(["Equals", "StartWith", "EndWith", "Contains"], [5, 1, 2, 1]);
    if (fn === "StartWith") return [`login.${dice.pick(DOMAINS)}`, fn];
    if (fn === "EndWith") return [`.${dice.pick(DOMAINS)}${dice.pick(TLDS)}`, fn];
    if (fn === "Contains") return [`${dice.pick(DOMAINS)}-secure`, fn];
    return [domain, fn];
  })();
  // About one in twelve has expired (ExpiresAt before now), one in five expires in the next 60 days.
  const expiry = dice.chance(1 / 12)
    ? -dice.int(1, Math.max(1, daysAgo))
    : dice.chance(0.25)
      ? dice.int(1, 60)
      : null;
  return {
    Type,
    Value,
    DetectionFunction,
    Enabled: !dice.chance(0.05),
    ExpiresAt: expiry === null ? null : new Date(nowMs + expiry * DAY_MS).toISOString(),
    // Never before its definition, never after the clock.
    CreatedAt: new Date(Math.max(createdMs, nowMs - definitionDaysAgo * DAY_MS)).toISOString(),
  };
}

/** Near-duplicates to find: a hash in two definitions, the same hash in upper case, a domain and its EndWith. */
function addNearDuplicates(definitions: ReadonlyArray<{ CreatedAt: string; iocs: DemoIoc[] }>): void {
  const hash = definitions[3]?.iocs.find((ioc) => ioc.Type === "Sha1") ?? definitions[3]?.iocs[0];
  const push = (i: number, ioc: DemoIoc): void => {
    const definition = definitions[i];
    // Created with its (later) definition, never before it.
    definition?.iocs.push({ ExpiresAt: null, ...ioc, CreatedAt: definition.CreatedAt });
  };
  if (hash) {
    push(17, hash);
    push(29, { ...hash, Value: hash.Value.toUpperCase() });
  }
  const exact = {
    Type: "DomainName",
    Value: "cdn.northwind-cdn.example",
    DetectionFunction: "Equals",
    Enabled: true,
  };
  push(8, exact);
  push(21, { ...exact, Value: ".northwind-cdn.example", DetectionFunction: "EndWith" });
}
