// Small string helpers shared by the text formatters. Widths count code points, which is right for the
// ASCII-heavy data of this API; control characters are made visible so a value can never move the cursor.

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Removes ANSI colour codes and other terminal control sequences (CSI). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** The number of terminal columns a plain (colourless) string takes. */
export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length;
}

/** One line with newlines and other control characters replaced, so cells stay on one row. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, " ⏎ ").replace(CONTROL, "�");
}

/** Cuts a plain string to `width` columns, ending in an ellipsis when it was longer. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  return `${chars.slice(0, width - 1).join("")}…`;
}

/** Pads a plain string with spaces on the right to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - visibleWidth(text)));
}

/** Pads a plain string with spaces on the left to `width` columns (numbers line up on the right). */
export function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - visibleWidth(text))) + text;
}

/** Splits a plain string into lines of at most `width` columns, breaking at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let rest = [...paragraph.replace(CONTROL, "�")];
    while (rest.length > width) {
      const space = rest.lastIndexOf(" ", width);
      const cut = space > width / 2 ? space : width;
      lines.push(rest.slice(0, cut).join("").trimEnd());
      rest = rest.slice(space === cut ? cut + 1 : cut);
    }
    lines.push(rest.join(""));
  }
  return lines;
}
