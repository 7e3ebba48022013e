import type { JupyterMessage } from "./kernel-wire.js";

/** A cell output in nbformat 4 shape, as Jupyter stores it in an executed notebook. */
export type NotebookOutput =
  | { output_type: "stream"; name: string; text: string }
  | { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | {
      output_type: "execute_result";
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
      execution_count: number | null;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

// display_id -> the output it last produced, so update_display_data can rewrite it in place.
const displays = new WeakMap<NotebookOutput[], Map<string, NotebookOutput>>();

/**
 * Appends an iopub message to a cell's outputs (streams merged, updatable displays rewritten in place).
 * @example collectOutput(outputs, message)
 */
export function collectOutput(outputs: NotebookOutput[], message: JupyterMessage): void {
  const content = message.content;
  switch (message.header.msg_type) {
    case "stream":
      return appendStream(outputs, String(content["name"]), String(content["text"]));
    case "display_data":
      return addDisplay(outputs, content);
    case "update_display_data":
      return updateDisplay(outputs, content);
    case "execute_result":
      outputs.push({
        output_type: "execute_result",
        data: record(content["data"]),
        metadata: record(content["metadata"]),
        execution_count: typeof content["execution_count"] === "number" ? content["execution_count"] : null,
      });
      return;
    case "error":
      outputs.push({
        output_type: "error",
        ename: String(content["ename"] ?? ""),
        evalue: String(content["evalue"] ?? ""),
        traceback: Array.isArray(content["traceback"]) ? content["traceback"].map(String) : [],
      });
  }
}

/**
 * Says why a cell failed, or undefined when it passed. tslab reports a failing cell with an empty error
 * and the real text on stderr, so any stderr output counts as a failure and its text is the reason.
 * @example describeFailure("error", outputs) // "cell status error: ...stderr text..."
 */
export function describeFailure(status: string, outputs: NotebookOutput[]): string | undefined {
  const reasons = outputs.flatMap((output) => {
    if (output.output_type === "stream" && output.name === "stderr") return [output.text];
    if (output.output_type === "error")
      return [`${output.ename}: ${output.evalue}\n${output.traceback.join("\n")}`];
    return [];
  });
  if (status === "ok" && reasons.length === 0) return undefined;
  return [`cell status ${status}`, ...reasons].join("\n").trim();
}

function appendStream(outputs: NotebookOutput[], name: string, text: string): void {
  const last = outputs.at(-1);
  if (last?.output_type === "stream" && last.name === name) last.text += text;
  else outputs.push({ output_type: "stream", name, text });
}

function addDisplay(outputs: NotebookOutput[], content: Record<string, unknown>): void {
  const output: NotebookOutput = {
    output_type: "display_data",
    data: record(content["data"]),
    metadata: record(content["metadata"]),
  };
  outputs.push(output);
  const id = displayId(content);
  if (id !== undefined) displaysOf(outputs).set(id, output);
}

function updateDisplay(outputs: NotebookOutput[], content: Record<string, unknown>): void {
  const id = displayId(content);
  const target = id === undefined ? undefined : displaysOf(outputs).get(id);
  if (target?.output_type === "display_data") target.data = record(content["data"]);
}

function displaysOf(outputs: NotebookOutput[]): Map<string, NotebookOutput> {
  let map = displays.get(outputs);
  if (map === undefined) displays.set(outputs, (map = new Map()));
  return map;
}

function displayId(content: Record<string, unknown>): string | undefined {
  const id = record(content["transient"])["display_id"];
  return typeof id === "string" ? id : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
