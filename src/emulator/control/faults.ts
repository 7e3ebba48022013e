/*
 * Fault rules, comma-separated: `<kind>:<percent>%[x<times>][@<scope>]`.
 *   kind    a status 400-599 (answered with the OData error body; 429 and 503 carry Retry-After: 1), or
 *           `<status>/<seconds>` to choose the Retry-After, or `reset` (the connection is destroyed), or
 *           `hang` (no answer at all; the client's timeout has to act).
 *   percent 0-100, decimals allowed (`0.5%`).
 *   times   optional: the rule fires at most this many times, then stays inert (`503:100%x1` = the next request).
 *   scope   `api` (default: the /V1.0 service), `token` (the token endpoints) or `all`.
 * One roll of the seeded dice per request picks at most one rule: rules are bands laid side by side, so
 * `503:10%,429:5%` fails 15% of requests in all.
 */

/** One parsed fault rule. */
export interface FaultRule {
  readonly kind: "status" | "reset" | "hang";
  /** HTTP status for `status` rules. */
  readonly status?: number;
  /** Retry-After seconds for `status` rules; sent for 429 and 503, or whenever set explicitly. */
  readonly retryAfterSeconds?: number;
  readonly percent: number;
  /** How many times the rule may still fire; undefined = forever. */
  readonly times?: number;
  readonly scope: FaultScope;
}

/** Which requests a fault rule applies to. */
export type FaultScope = "api" | "token" | "all";

const RULE =
  /^(reset|hang|(\d{3})(?:\/(\d{1,5}))?):(\d{1,3}(?:\.\d+)?)%(?:x(\d{1,9}))?(?:@(api|token|all))?$/;

/**
 * Parses a rule list such as `503:10%,429:5%,reset:1%,hang:0.5%`; an empty string means no faults.
 * @example parseFaultRules("503:100%x1@token")[0] // { kind: "status", status: 503, percent: 100, times: 1, ... }
 */
export function parseFaultRules(text: string): FaultRule[] {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const rules = parts.map(parseRule);
  for (const scope of ["api", "token"] as const) {
    const total = rules
      .filter((r) => r.scope === scope || r.scope === "all")
      .reduce((s, r) => s + r.percent, 0);
    if (total > 100) throw new RangeError(`fault rules for ${scope} add up to ${total}%, more than 100%`);
  }
  return rules;
}

function parseRule(text: string): FaultRule {
  const m = RULE.exec(text);
  if (!m) {
    throw new RangeError(
      `fault rule "${text}" must look like <status>[/<retry-after-s>]|reset|hang:<percent>%[x<times>][@api|token|all]`,
    );
  }
  const percent = Number(m[4]);
  if (percent > 100) throw new RangeError(`fault rule "${text}": percent must be at most 100`);
  const base = {
    percent,
    scope: (m[6] ?? "api") as FaultScope,
    ...(m[5] === undefined ? {} : { times: Number(m[5]) }),
  };
  if (m[1] === "reset" || m[1] === "hang") return { kind: m[1], ...base };
  const status = Number(m[2]);
  if (status < 400 || status > 599) throw new RangeError(`fault rule "${text}": status must be 400-599`);
  const retryAfter = m[3] === undefined ? (status === 429 || status === 503 ? 1 : undefined) : Number(m[3]);
  return {
    kind: "status",
    status,
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    ...base,
  };
}

/**
 * Formats rules back into the flag syntax (what GET /_emulator/faults shows).
 * @example formatFaultRules(parseFaultRules("503:10%")) // "503/1:10%"
 */
export function formatFaultRules(rules: readonly FaultRule[]): string {
  return rules
    .map((r) => {
      const kind =
        r.kind === "status"
          ? `${r.status}${r.retryAfterSeconds === undefined ? "" : `/${r.retryAfterSeconds}`}`
          : r.kind;
      return `${kind}:${r.percent}%${r.times === undefined ? "" : `x${r.times}`}@${r.scope}`;
    })
    .join(",");
}

/** Decides, per request, whether a fault fires; keeps the remaining `times` of each rule. */
export class FaultDice {
  #rules: FaultRule[] = [];
  readonly #random: () => number;
  constructor(rules: readonly FaultRule[], random: () => number) {
    this.#random = random;
    this.replace(rules);
  }

  /** The rules as they stand (with `times` counting down). */
  get rules(): readonly FaultRule[] {
    return this.#rules;
  }

  /** Swaps in a new rule list at run time. */
  replace(rules: readonly FaultRule[]): void {
    this.#rules = [...rules];
  }

  /** The rule that fires for one request of the given scope, if any (one roll of the dice). */
  roll(scope: "api" | "token"): FaultRule | undefined {
    const live = this.#rules.filter((r) => (r.scope === scope || r.scope === "all") && r.times !== 0);
    if (live.length === 0) return undefined;
    let point = this.#random() * 100;
    for (const rule of live) {
      if (point < rule.percent) {
        this.#spend(rule);
        return rule;
      }
      point -= rule.percent;
    }
    return undefined;
  }

  #spend(rule: FaultRule): void {
    if (rule.times === undefined) return;
    const index = this.#rules.indexOf(rule);
    this.#rules[index] = { ...rule, times: rule.times - 1 };
  }
}
