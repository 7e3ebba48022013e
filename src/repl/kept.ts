import { types } from "node:util";

/**
 * The set with every method's promise marked as handled when it is made. At the prompt a promise the user keeps
 * (`const x = alerts.get(1)`) may reject before it is awaited; awaiting it still throws, as it should, but Node
 * (through the REPL's domain) would print "Uncaught …" over the prompt first and a PromiseRejectionHandledWarning
 * later. Properties and methods stay the same otherwise (a method's own properties too).
 * @example context.alerts = keptCallsQuiet(sets.alerts)
 */
export function keptCallsQuiet<T extends object>(set: T): T {
  const wrapped = new WeakMap<object, unknown>();
  return new Proxy(set, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (!wrapped.has(value))
        wrapped.set(value, quietCalls(value as (...args: unknown[]) => unknown, target));
      return wrapped.get(value);
    },
  });
}

function quietCalls(method: (...args: unknown[]) => unknown, owner: object): unknown {
  return new Proxy(method, {
    apply(fn, _this, args: unknown[]) {
      const result = Reflect.apply(fn, owner, args);
      if (types.isPromise(result)) result.catch(() => undefined);
      return result;
    },
  });
}
