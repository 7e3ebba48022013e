import type { BulkResult } from "../../bulk/index.js";
import { applyAtConsole, type ConsoleApplyOptions, type ApplyIo, type EngineApply } from "./apply.js";
import { isPlan } from "./describe.js";

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * The console's `alerts` and `iocs`: the session's sets, whose bulk edits (`iocs.import`, `iocs.updateWhere`,
 * `iocs.deleteWhere`, `alerts.disableWhere`) return plans with a console apply (asks first, shows progress).
 * The session's own objects are left as they are; every other member is the same function.
 * @example const { alerts, iocs } = consoleSets(state.session, { server, state })
 */
export function consoleSets(
  session: { readonly alerts: object; readonly iocs: object },
  io: ApplyIo,
): { alerts: object; iocs: object } {
  return {
    alerts: withConsolePlans(session.alerts, io, { disableWhere: () => undefined }),
    iocs: withConsolePlans(session.iocs, io, {
      import: () => undefined,
      updateWhere: (args) => args[1] as Readonly<Record<string, unknown>> | undefined,
      deleteWhere: () => undefined,
    }),
  };
}

/**
 * The console's `session`: the same session, except that `session.alerts` and `session.iocs` are the console's
 * sets, so `session.iocs.import(...)` asks before writing just as `iocs.import(...)` does. Methods run on the real
 * session (its private fields need it as `this`).
 * @example context.session = consoleSession(state.session, consoleSets(state.session, io))
 */
export function consoleSession<S extends object>(session: S, sets: { alerts: object; iocs: object }): S {
  return new Proxy(session, {
    get(target, key) {
      if (key === "alerts" || key === "iocs") return sets[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Per bulk method: the patch it applies, from its arguments (for the confirmation question). */
type PatchOf = (args: readonly unknown[]) => Readonly<Record<string, unknown>> | undefined;

// A copy of the set (same property descriptors, same prototype) with the planning methods replaced.
function withConsolePlans(set: object, io: ApplyIo, methods: Record<string, PatchOf>): object {
  const copy = Object.create(
    Object.getPrototypeOf(set) as object | null,
    Object.getOwnPropertyDescriptors(set),
  );
  for (const [name, patchOf] of Object.entries(methods)) {
    const original = (set as Record<string, unknown>)[name];
    if (typeof original !== "function") continue;
    const planning: Method = async (...args) =>
      consolePlan(await (original as Method).apply(set, args), io, patchOf(args));
    Object.defineProperty(copy, name, {
      value: planning,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return copy as object;
}

/**
 * The same plan with `apply` replaced by the console's; the engine's apply stays in the closure, so applying
 * twice (after Ctrl-C) still resumes where the first run stopped.
 * @example consolePlan(await session.iocs.import("feed.csv", { alert: 1 }), { server, state })
 */
function consolePlan(plan: unknown, io: ApplyIo, patch?: Readonly<Record<string, unknown>>): unknown {
  if (!isPlan(plan)) return plan;
  const engine = (plan as { apply?: unknown }).apply;
  if (typeof engine !== "function") return plan;
  const apply = (options?: ConsoleApplyOptions): Promise<BulkResult | undefined> =>
    applyAtConsole(io, plan, engine as EngineApply, options, patch);
  // Not enumerable, as the engine's: tables and JSON of a plan show only what it would do.
  return Object.defineProperty({ ...plan }, "apply", { value: apply, enumerable: false });
}
