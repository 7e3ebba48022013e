import type { REPLServer } from "node:repl";
import { formatRecord } from "../../display/index.js";
import {
  ACTIONS_BY_TYPE,
  DEFAULT_INDICATOR_SEVERITY,
  INDICATOR_SEVERITIES,
  INDICATOR_TYPES,
  describeViolation,
  validateIndicator,
  type IndicatorAction,
  type IndicatorInput,
  type IndicatorType,
  type Severity,
} from "../../schema/index.js";
import { withPrompts, type Asker } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { indicatorsOf } from "./api.js";
import { say } from "./run.js";

/**
 * A validator for one field of an indicator, from the schema's rules (the client's and the emulator's): true, or
 * the first rule that field breaks given the answers so far (`known`), to show while typing.
 * @example indicatorFieldValidator("indicatorValue", { indicatorType: "FileSha1" })("xyz") // "indicatorValue: … must be 40 …"
 */
export function indicatorFieldValidator(
  field: string,
  known: Record<string, unknown> = {},
  required = true,
): (value: string) => true | string {
  return (value) => {
    if (value.trim() === "") return required ? `${field} is required` : true;
    const { errors } = validateIndicator({ ...known, [field]: value }, { nowMs: Date.now() });
    const error = errors.find((e) => e.field === field);
    return error ? describeViolation(error) : true;
  };
}

async function askIndicator(ask: Asker): Promise<IndicatorInput> {
  const indicatorType = (await ask.select("indicatorType", INDICATOR_TYPES)) as IndicatorType;
  const indicatorValue = await ask.input("indicatorValue", {
    validate: indicatorFieldValidator("indicatorValue", { indicatorType }),
  });
  // Only the actions the type allows (files all five, IPs/URLs/domains four, certificates two).
  const action = (await ask.select("action", ACTIONS_BY_TYPE[indicatorType])) as IndicatorAction;
  const title = await ask.input("title", { validate: indicatorFieldValidator("title") });
  const description = await ask.input("description", { validate: indicatorFieldValidator("description") });
  const severity = (await ask.select(
    "severity",
    INDICATOR_SEVERITIES,
    DEFAULT_INDICATOR_SEVERITY,
  )) as Severity;
  const expires = await ask.input("expirationTime (ISO date-time, empty for none)", {
    validate: indicatorFieldValidator("expirationTime", {}, false),
  });
  // Audit must raise an alert: the default follows the action, and the whole body is checked below.
  const generateAlert = await ask.confirm("generateAlert", action === "Audit");
  return {
    indicatorValue,
    indicatorType,
    action,
    title,
    description,
    severity,
    ...(expires.trim() ? { expirationTime: expires.trim() } : {}),
    generateAlert,
  };
}

/**
 * `.new-indicator`: asks field by field (choices from the schema, the value checked for its type as it is typed),
 * checks the whole indicator with the schema (e.g. Audit without generateAlert), shows it, asks, submits.
 */
export async function newIndicator(server: REPLServer, state: ReplState): Promise<void> {
  const indicators = indicatorsOf(state);
  const submitted = await withPrompts(server, state, async (ask) => {
    const body = await askIndicator(ask);
    const { errors } = validateIndicator(body, { nowMs: Date.now() });
    if (errors.length > 0) throw new TypeError(`Not submitted: ${errors.map(describeViolation).join("; ")}`);
    say(state, `indicators.submit(${JSON.stringify(body, null, 2)})`);
    return (await ask.confirm("Submit it?", true)) ? indicators.submit(body) : undefined;
  });
  if (submitted === undefined) return say(state, "Nothing submitted.");
  say(state, formatRecord({ ...submitted }, { width: outputWidth(state), color: state.color }));
}
