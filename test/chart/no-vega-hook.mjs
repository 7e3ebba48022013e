// A module resolution hook that answers for vega and vega-lite as Node does when they are not installed.
export async function resolve(specifier, context, next) {
  if (specifier === "vega" || specifier === "vega-lite") {
    const error = new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`);
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}
