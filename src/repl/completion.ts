// Tab completion that reads names only: it never calls a function, never reads a getter and never touches
// the network (Node's own completer evaluates the expression before the dot, so `alerts.list().<Tab>` would
// send a request). Each rule below is a regular expression on the text before the cursor.
import {
  ALERT_DEFINITION_FIELDS,
  CATEGORIES,
  DETECTION_FUNCTIONS,
  INDICATOR_ACTIONS,
  INDICATOR_FIELDS,
  INDICATOR_FILTER_PROPERTIES,
  INDICATOR_SEVERITIES,
  INDICATOR_TYPES,
  IOC_FIELDS,
  IOC_TYPES,
  SEVERITIES,
} from "../schema/index.js";
import { OPTION_KEYS } from "../api/options.js";
import { keyPosition } from "./call-args.js";

/** [candidates, the text they replace], as node:readline expects. */
export type Completion = [string[], string];

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  Severity: SEVERITIES,
  Category: CATEGORIES,
  Type: IOC_TYPES,
  DetectionFunction: DETECTION_FUNCTIONS,
  // The Indicators API's properties are camelCase.
  indicatorType: INDICATOR_TYPES,
  action: INDICATOR_ACTIONS,
  severity: INDICATOR_SEVERITIES,
};

const KEYWORDS = [
  "await",
  "const",
  "let",
  "for",
  "of",
  "async",
  "function",
  "return",
  "new",
  "typeof",
  "true",
  "false",
  "null",
  "undefined",
];

const WRITABLE = {
  alerts: ALERT_DEFINITION_FIELDS.filter((f) => !f.readOnly).map((f) => f.name),
  iocs: [...IOC_FIELDS.filter((f) => !f.readOnly).map((f) => f.name), "AlertDefinition"],
  indicators: INDICATOR_FIELDS.filter((f) => !f.readOnly).map((f) => f.name),
};

const FIELDS = {
  alerts: ALERT_DEFINITION_FIELDS.map((f) => f.name),
  iocs: IOC_FIELDS.map((f) => f.name),
  indicators: INDICATOR_FILTER_PROPERTIES, // what `indicators.where` accepts
};

/**
 * Which argument of each method is an entity's fields (create, update; submit for indicators) or the call's
 * options, and its keys (custom TI's options: the indicators' differ, so they get none).
 */
const FIELD_ARG: Readonly<Record<string, number>> = { create: 0, update: 1, submit: 0 };
const OPTIONS_ARG: Readonly<Record<string, readonly [number, readonly string[]]>> = {
  list: [0, OPTION_KEYS.list],
  get: [1, OPTION_KEYS.get],
  create: [1, OPTION_KEYS.write],
  update: [2, OPTION_KEYS.write],
  delete: [1, OPTION_KEYS.call],
  enable: [1, OPTION_KEYS.call],
  disable: [1, OPTION_KEYS.call],
  count: [1, OPTION_KEYS.call],
  bulkUpload: [1, OPTION_KEYS.bulkUpload],
};

/**
 * Completes the line before the cursor against the REPL context and the REPL's commands.
 * @example complete('alerts.create({ Sev', context, [])  // [["Severity"], "Sev"]
 */
export function complete(line: string, context: object, commands: readonly string[]): Completion {
  if (/^\s*\.\w*$/.test(line))
    return byPrefix(
      commands.map((c) => `.${c}`),
      line.trim(),
    );
  return (
    enumValue(line) ??
    whereField(line) ??
    objectKey(line) ??
    member(line, context) ??
    globalName(line, context) ?? [[], ""]
  );
}

function byPrefix(candidates: Iterable<string>, prefix: string): Completion {
  const hits = [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort();
  return [hits, prefix];
}

/** Inside quotes after `Severity:` (and the other enum fields): the enum's values. */
function enumValue(line: string): Completion | undefined {
  const m =
    /\b(Severity|Category|Type|DetectionFunction|indicatorType|action|severity)["']?\s*:\s*["'`]([A-Za-z]*)$/.exec(
      line,
    );
  if (!m) return undefined;
  return byPrefix(ENUMS[m[1]!] ?? [], m[2]!);
}

/**
 * A key position inside an object passed to a set's method: the writable fields for `create({` and
 * `update(id, {`, the call's options (from OPTION_KEYS) for `list({`, `get(id, {`…; keys already there are left out.
 */
function objectKey(line: string): Completion | undefined {
  const at = keyPosition(line);
  if (!at) return undefined;
  const options = OPTIONS_ARG[at.method];
  const custom = at.set !== "indicators";
  const keys =
    FIELD_ARG[at.method] === at.arg
      ? WRITABLE[at.set]
      : custom && options?.[0] === at.arg
        ? options[1]
        : undefined;
  if (!keys) return undefined;
  return byPrefix(
    keys.filter((k) => !at.typed.has(k)),
    at.prefix,
  );
}

/** Inside the quotes of `iocs.where.eq("` (and the other operators): the set's field names. */
function whereField(line: string): Completion | undefined {
  const m = /\b(alerts|iocs|indicators)\.where\.\w+\(\s*["'`]([A-Za-z]*)$/.exec(line);
  if (!m) return undefined;
  return byPrefix(FIELDS[m[1] as keyof typeof FIELDS], m[2]!);
}

/** `a.b.<prefix>` where every step is a plain data property: the names one level down. */
function member(line: string, context: object): Completion | undefined {
  const m = /(?:^|[^\w$.)\]])((?:[A-Za-z_$][\w$]*\.)+)([A-Za-z_$][\w$]*)?$/.exec(line);
  if (!m) return /[)\]]\.[\w$]*$/.test(line) ? [[], ""] : undefined;
  let target: unknown = context;
  for (const step of m[1]!.split(".").filter(Boolean)) {
    target = dataProperty(target, step);
    if (target === undefined) return [[], ""];
  }
  const prefix = m[2] ?? "";
  return byPrefix(propertyNames(target), prefix);
}

/** A property's value only when it is a plain data property somewhere on the prototype chain (never a getter). */
function dataProperty(target: unknown, name: string): unknown {
  let obj: unknown = target;
  while (obj !== null && (typeof obj === "object" || typeof obj === "function")) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    if (d) return "value" in d ? d.value : undefined;
    obj = Object.getPrototypeOf(obj);
  }
  return undefined;
}

function propertyNames(target: unknown): string[] {
  const names: string[] = [];
  let obj: unknown = target;
  while (
    obj !== null &&
    obj !== Object.prototype &&
    obj !== Function.prototype &&
    (typeof obj === "object" || typeof obj === "function")
  ) {
    for (const name of Object.getOwnPropertyNames(obj)) {
      if (name !== "constructor" && !name.startsWith("_") && /^[A-Za-z_$][\w$]*$/.test(name))
        names.push(name);
    }
    obj = Object.getPrototypeOf(obj);
  }
  return names;
}

/** A bare identifier: the context's names, the globals and a few keywords. */
function globalName(line: string, context: object): Completion | undefined {
  const m = /(?:^|[^\w$.])([A-Za-z_$][\w$]*)$/.exec(line);
  if (!m) return undefined;
  return byPrefix([...Object.getOwnPropertyNames(context), ...KEYWORDS], m[1]!);
}
