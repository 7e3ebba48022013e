/** How many levels of a value a preview or a bounded value keeps; deeper levels are cut (never recursed into). */
const MAX_DEPTH = 8;

/**
 * A value as JSON-like text of at most `maxChars` (ending in `...` when cut), built without recursing past a few
 * levels or reading more of a wide array or a long string than it shows, so any input (5,000 levels deep, a cycle,
 * a 10 MB string) is safe to show in an error.
 * @example previewValue({ a: [1, 2] }) // '{"a":[1,2]}'
 */
export function previewValue(value: unknown, maxChars = 80): string {
  const out = { text: "", budget: maxChars + 1 };
  write(out, value, 0);
  return out.text.length > maxChars ? `${out.text.slice(0, maxChars - 3)}...` : out.text;
}

/**
 * The value itself when it is at most a few levels deep, else its {@link previewValue}: what a violation keeps, so
 * that showing the error (JSON, inspect) never recurses into a hostile value.
 * @example boundedValue(5) // 5
 */
export function boundedValue(value: unknown): unknown {
  return depthExceeds(value, MAX_DEPTH) ? previewValue(value, 200) : value;
}

function write(out: { text: string; budget: number }, value: unknown, depth: number): void {
  if (out.text.length >= out.budget) return;
  if (typeof value === "string") {
    out.text += JSON.stringify(value.slice(0, out.budget));
  } else if (typeof value !== "object" || value === null || value instanceof Date) {
    out.text += typeof value === "bigint" ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } else if (depth >= MAX_DEPTH) {
    out.text += Array.isArray(value) ? "[...]" : "{...}";
  } else if (Array.isArray(value)) {
    out.text += "[";
    for (let i = 0; i < value.length && out.text.length < out.budget; i++) {
      if (i > 0) out.text += ",";
      write(out, value[i], depth + 1);
    }
    out.text += "]";
  } else {
    out.text += "{";
    let first = true;
    for (const key of Object.keys(value)) {
      if (out.text.length >= out.budget) break;
      out.text += `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      write(out, (value as Record<string, unknown>)[key], depth + 1);
    }
    out.text += "}";
  }
}

/** True when `value` nests objects or arrays more than `limit` levels deep (an explicit stack, no recursion). */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value !== "object" || item.value === null) continue;
    if (item.depth >= limit) return true;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}
