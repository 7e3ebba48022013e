import type { REPLServer } from "node:repl";
import type { IocCreateInput } from "../../api/index.js";
import { formatRecord } from "../../display/index.js";
import {
  CATEGORIES,
  DETECTION_FUNCTIONS,
  IOC_TYPES,
  SEVERITIES,
  describeViolation,
  validateEntity,
  type AlertDefinitionInput,
  type DetectionFunction,
  type IocType,
  type Severity,
  type EntitySetName,
} from "../../schema/index.js";
import { withPrompts, type Asker } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { entitySets } from "./api.js";
import { say } from "./run.js";

/**
 * A validator for one field, from the shared schema rules (the same the client and the emulator apply):
 * true, or the message to show while typing.
 * @example fieldValidator("AlertDefinitions", "Name", true)("")  // "Name is required"
 */
export function fieldValidator(
  set: EntitySetName,
  field: string,
  required: boolean,
  existing: Record<string, unknown> = {},
): (value: string) => true | string {
  return (value) => {
    if (value.trim() === "") return required ? `${field} is required` : true;
    const result = validateEntity(set, { [field]: value }, { mode: "update", existing });
    const error = result.errors[0];
    return error ? describeViolation(error) : true;
  };
}

const optional = (value: string): string | null => (value.trim() === "" ? null : value);

async function askAlert(ask: Asker): Promise<AlertDefinitionInput> {
  const text = (field: string, required: boolean): Promise<string> =>
    ask.input(field, { validate: fieldValidator("AlertDefinitions", field, required) });
  const Name = await text("Name", true);
  const Severity = (await ask.select("Severity", SEVERITIES, "Medium")) as Severity;
  const Category = await ask.select("Category", CATEGORIES, "SuspiciousActivity");
  const Title = await text("Title", true);
  const UxDescription = await text("UxDescription", true);
  const InternalDescription = optional(await text("InternalDescription", false));
  const RecommendedAction = optional(await text("RecommendedAction", false));
  const Enabled = await ask.confirm("Enabled", true);
  return { Name, Severity, InternalDescription, Title, UxDescription, RecommendedAction, Category, Enabled };
}

async function askIoc(ask: Asker, state: ReplState): Promise<IocCreateInput> {
  const { alerts } = entitySets(state);
  const first = await alerts.list();
  if (first.length === 0) throw new Error("No alert definitions yet: create one first (.new-alert)");
  const choices = first.map((a) => ({
    name: `${String(a["Id"])}  ${String(a["Name"])}`,
    value: String(a["Id"]),
  }));
  const AlertDefinition = Number(await ask.select("Alert definition", choices));
  const Type = (await ask.select("Type", IOC_TYPES, "Sha1")) as IocType;
  const DetectionFunction = (await ask.select(
    "DetectionFunction",
    DETECTION_FUNCTIONS,
    "Equals",
  )) as DetectionFunction;
  const Value = await ask.input("Value", {
    validate: fieldValidator("IndicatorsOfCompromise", "Value", true, { Type, DetectionFunction }),
  });
  const Enabled = await ask.confirm("Enabled", true);
  const expires = await ask.input("ExpiresAt (ISO date-time, empty for none)", {
    validate: fieldValidator("IndicatorsOfCompromise", "ExpiresAt", false),
  });
  return {
    Type,
    Value,
    DetectionFunction,
    Enabled,
    ...(expires ? { ExpiresAt: expires } : {}),
    AlertDefinition,
  };
}

/** `.new-alert` and `.new-ioc`: ask field by field (enum choices, validation as you type), show, confirm, create. */
export async function newEntity(server: REPLServer, state: ReplState, kind: "alert" | "ioc"): Promise<void> {
  const created = await withPrompts(server, state, async (ask) => {
    const confirmed = async (setName: string, body: object): Promise<boolean> => {
      say(state, `${setName}.create(${JSON.stringify(body, null, 2)})`);
      return ask.confirm("Create it?", true);
    };
    const { alerts, iocs } = entitySets(state);
    if (kind === "alert") {
      const body = await askAlert(ask);
      return (await confirmed("alerts", body)) ? alerts.create(body) : undefined;
    }
    const body = await askIoc(ask, state);
    return (await confirmed("iocs", body)) ? iocs.create(body) : undefined;
  });
  if (created === undefined) return say(state, "Nothing created.");
  say(state, formatRecord({ ...created }, { width: outputWidth(state), color: state.color }));
}
