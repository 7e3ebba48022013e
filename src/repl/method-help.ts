// The console's help on each method of the entity sets, in one table (the library objects carry none): what it
// does, its arguments, its options (from OPTION_KEYS, so they cannot drift from what the call accepts) and an
// example to copy.
import { OPTION_KEYS } from "../api/options.js";
import { shown } from "./writer.js";

interface MethodHelp {
  readonly call: string;
  readonly does: string;
  readonly options: readonly string[];
  readonly example: string;
}

const ALERT = `{ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" }`;
const IOC = `{ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff", DetectionFunction: "Equals", AlertDefinition: 1 }`;

/** Help per `set.method`, in the order `.help` lists them. */
const METHODS: Readonly<Record<string, MethodHelp>> = {
  list: {
    call: "list(options?)",
    does: "Lists entities, all pages (a lazy async iterator; await gives the first page, then it the next)",
    options: OPTION_KEYS.list,
    example: `await {set}.list({ top: 5, orderBy: "Id desc" })`,
  },
  get: {
    call: "get(id, options?)",
    does: "Reads one entity by Id (404 when there is none)",
    options: OPTION_KEYS.get,
    example: "await {set}.get(1)",
  },
  create: {
    call: "create(input, options?)",
    does: "Creates one entity, validated before anything is sent",
    options: OPTION_KEYS.write,
    example: "await {set}.create({input})",
  },
  update: {
    call: "update(id, patch, options?)",
    does: "Changes the given fields of one entity",
    options: OPTION_KEYS.write,
    example: `await {set}.update(1, { Enabled: false })`,
  },
  delete: {
    call: "delete(id, options?)",
    does: "Deletes one entity (an alert definition with its IOCs); asks first at the prompt",
    options: [...OPTION_KEYS.call, "confirm"],
    example: "await {set}.delete(1, { confirm: true })",
  },
  count: {
    call: "count(filter?, options?)",
    does: "Counts entities (matching the filter)",
    options: OPTION_KEYS.call,
    example: `await {set}.count({set}.where.eq("Enabled", true))`,
  },
};

const SETS = { alerts: ALERT, iocs: IOC } as const;

/** The names `.help` takes, e.g. `alerts.create`. */
export const HELP_TOPICS: readonly string[] = Object.keys(SETS).flatMap((set) =>
  Object.keys(METHODS).map((method) => `${set}.${method}`),
);

/**
 * The help text of `alerts.create` and the like: what it does, its options and an example; a TypeError naming
 * the topics for anything else.
 * @example methodHelp("iocs.list")
 */
export function methodHelp(topic: string): string {
  const [set, method] = topic.split(".") as [keyof typeof SETS, string];
  const help = method === undefined ? undefined : METHODS[method];
  if (!help || !(set in SETS))
    throw new TypeError(`.help takes nothing or one of ${HELP_TOPICS.join(", ")}; got "${topic}"`);
  const fill = (text: string): string => text.replaceAll("{set}", set).replace("{input}", SETS[set]);
  return [
    `${set}.${help.call}`,
    `  ${help.does}.`,
    `  Options: ${help.options.join(", ")}`,
    `  Example: ${fill(help.example)}`,
  ].join("\n");
}

/**
 * The set with a `help()` on each method `.help` knows: `alerts.create.help()` prints what `.help alerts.create`
 * does. Calls run as before, on the set itself.
 * @example context.alerts = withMethodHelp("alerts", sets.alerts)
 */
export function withMethodHelp<T extends object>(set: "alerts" | "iocs", methods: T): T {
  const helpful = new Map<string, unknown>();
  return new Proxy(methods, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function" || typeof key !== "string" || !(key in METHODS)) return value;
      if (!helpful.has(key))
        helpful.set(key, helpOn(value as (...args: unknown[]) => unknown, target, `${set}.${key}`));
      return helpful.get(key);
    },
  });
}

function helpOn(method: (...args: unknown[]) => unknown, owner: object, topic: string): unknown {
  const help = (): object => shown(methodHelp(topic));
  return new Proxy(method, {
    get: (fn, key) => (key === "help" ? help : Reflect.get(fn, key, fn)),
    apply: (fn, _this, args: unknown[]) => Reflect.apply(fn, owner, args),
  });
}
