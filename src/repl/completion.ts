// Tab completion that reads names only: it never calls a function, never reads a getter and never touches
// the network (Node's own completer evaluates the expression before the dot, so `alerts.list().<Tab>` would
// send a request). Each rule below is a regular expression on the text before the cursor.
import {
  ALERT_DEFINITION_FIELDS,
  CATEGORIES,
  DETECTION_FUNCTIONS,
  IOC_FIELDS,
  IOC_TYPES,
  SEVERITIES,
} from "../schema/index.js";

/** [candidates, the text they replace], as node:readline expects. */
export type Completion = [string[], string];

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  Severity: SEVERITIES,
  Category: CATEGORIES,
  Type: IOC_TYPES,
  DetectionFunction: DETECTION_FUNCTIONS,
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
  return enumValue(line) ?? fieldName(line) ?? member(line, context) ?? globalName(line, context) ?? [[], ""];
}

function byPrefix(candidates: Iterable<string>, prefix: string): Completion {
  const hits = [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort();
  return [hits, prefix];
}

/** Inside quotes after `Severity:` (and the other enum fields): the enum's values. */
function enumValue(line: string): Completion | undefined {
  const m = /\b(Severity|Category|Type|DetectionFunction)["']?\s*:\s*["'`]([A-Za-z]*)$/.exec(line);
  if (!m) return undefined;
  return byPrefix(ENUMS[m[1]!] ?? [], m[2]!);
}

/** A key position inside the object literal of `alerts.create({`, `iocs.update(id, {` and the like. */
function fieldName(line: string): Completion | undefined {
  const calls = [...line.matchAll(/\b(alerts|iocs)\.(create|update)\(/g)];
  const last = calls.at(-1);
  if (!last || last.index === undefined) return undefined;
  const rest = line.slice(last.index + last[0].length);
  const opened = (rest.match(/\{/g) ?? []).length - (rest.match(/\}/g) ?? []).length;
  const m = /(?:^|[{,])\s*([A-Za-z]*)$/.exec(rest);
  if (opened !== 1 || !m || !rest.includes("{")) return undefined;
  return byPrefix(WRITABLE[last[1] as "alerts" | "iocs"], m[1]!);
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
