// ANSI styling, applied only when a formatter is asked for colour. Kept tiny: four styles and the severities.

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;

/** A style name known to {@link paint}. */
export type Style = keyof typeof CODES;

/** Wraps text in an ANSI style when `on` is true, else returns it unchanged. */
export function paint(text: string, style: Style, on: boolean): string {
  return on && text !== "" ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

const SEVERITY_STYLE: Readonly<Record<string, Style>> = {
  high: "red",
  medium: "yellow",
  low: "cyan",
  informational: "gray",
};

/** True for the severity column of either service: custom TI's `Severity`, the Indicators API's `severity`. */
export function isSeverityColumn(name: string): boolean {
  return name === "Severity" || name === "severity";
}

/** The style for a Severity value (matched without regard to case), or undefined for anything else. */
export function severityStyle(value: unknown): Style | undefined {
  return typeof value === "string" ? SEVERITY_STYLE[value.toLowerCase()] : undefined;
}

/** CSS colours for the HTML table, one per severity. */
export const SEVERITY_CSS: Readonly<Record<string, string>> = {
  high: "#c62828",
  medium: "#b26a00",
  low: "#00838f",
  informational: "#757575",
};
