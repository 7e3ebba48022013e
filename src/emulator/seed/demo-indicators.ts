import { ACTIONS_BY_TYPE, INDICATOR_SEVERITIES, INDICATOR_TYPES } from "../../schema/index.js";
import { DAY_MS, DEMO_PRNG_SEED, demoDice, type DemoDice } from "./demo-random.js";
import { indicatorsSample } from "./indicators-sample.js";

const CAMPAIGNS = ["Emotet", "Qakbot", "Cobalt Strike", "Phishing kit", "Info stealer", "Web shell"] as const;

/**
 * The Indicators API's demo set (part of `--seed demo`): the docs' sample indicators and 240 more from a fixed PRNG
 * seed, over every type, the actions each type allows, every severity and expiries relative to the clock (some
 * within a week, some in months, a third never; the API refuses a past expiry, so none has expired yet).
 * @example demoIndicators(Date.now()).length // 250
 */
export function demoIndicators(nowMs: number): readonly Record<string, unknown>[] {
  const dice = demoDice(DEMO_PRNG_SEED + 1);
  const generated = Array.from({ length: 240 }, (_, i) => demoIndicator(dice, nowMs, i));
  return [...indicatorsSample(nowMs), ...generated];
}

function demoIndicator(dice: DemoDice, nowMs: number, i: number): Record<string, unknown> {
  const indicatorType = dice.pick(INDICATOR_TYPES, [4, 2, 2, 1, 3, 3, 2]);
  const action = dice.pick(ACTIONS_BY_TYPE[indicatorType]);
  const campaign = dice.pick(CAMPAIGNS);
  const expiresInDays = dice.chance(1 / 3) ? undefined : dice.pick([1, 3, 7, 14, 30, 90, 180]);
  return {
    indicatorValue: demoValue(dice, indicatorType, i),
    indicatorType,
    action,
    // Audit needs an alert (the API's rule); the others alert now and then.
    generateAlert: action === "Audit" || dice.chance(0.3),
    severity: dice.pick(INDICATOR_SEVERITIES, [2, 4, 3, 2]),
    title: `${campaign} indicator ${i + 1}`,
    description: `Demo data: a ${indicatorType} seen in ${campaign} activity.`,
    application: "demo-feed",
    ...(expiresInDays !== undefined && {
      expirationTime: new Date(nowMs + expiresInDays * DAY_MS).toISOString(),
    }),
  };
}

// Values unique by construction (the index is in each), so no two demo indicators upsert onto one another.
function demoValue(dice: DemoDice, type: (typeof INDICATOR_TYPES)[number], i: number): string {
  const tag = i.toString(16).padStart(4, "0");
  if (type === "FileSha1" || type === "CertificateThumbprint") return tag + dice.hex(36);
  if (type === "FileSha256") return tag + dice.hex(60);
  if (type === "FileMd5") return tag + dice.hex(28);
  if (type === "IpAddress") return `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  if (type === "DomainName")
    return `${dice.pick(["update", "cdn", "login", "mail"])}-${tag}.fabrikam.example`;
  return `https://files-${tag}.contoso.example/${dice.hex(6)}`;
}
