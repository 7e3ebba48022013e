import { inspect } from "node:util";
import { toHtml } from "./html.js";
import type { DisplayOptions } from "./options.js";
import { formatValue } from "./value.js";

/**
 * Something that shows HTML, such as tslab's `display` (`import * as tslab from "tslab"`). With `bundle` (the
 * project's patched tslab has it) one output carries every representation, so saved notebooks keep the text too.
 */
export interface HtmlDisplay {
  html(html: string): void;
  bundle?(data: Record<string, string>): void;
}

/** A Jupyter display bundle: the console's text and the HTML table of the same value. */
export interface DisplayBundle {
  readonly "text/plain": string;
  readonly "text/html": string;
}

/** A value ready to show: text for terminals and `util.inspect`, HTML for notebooks. */
export interface Formatted {
  /** The value itself, unchanged. */
  readonly value: unknown;
  /** The text form (what the REPL prints). */
  toString(): string;
  /** The HTML form (a table for lists). */
  toHtml(): string;
  /** Both forms as one Jupyter bundle (`text/plain` and `text/html`). */
  bundle(): DisplayBundle;
  /** Shows the value in a notebook, text and HTML in one output: `pp(rows).display(tslab.display)`. */
  display(target: HtmlDisplay): void;
  [inspect.custom](): string;
}

/**
 * Pretty-prints a value: `pp(x)` prints as a table or record in the REPL and under `console.log`, and gives
 * `toHtml()` / `display(tslab.display)` in notebooks (whose text/plain part is never cut to a width unless one is
 * given). Options as for formatValue (default width 100, no colour).
 * @example pp(await iocs.list())
 */
export function pp(value: unknown, options?: DisplayOptions): Formatted {
  const text = (): string => formatValue(value, options);
  // A notebook's text/plain is read in a pre block that scrolls, or copied: nothing is cut unless asked.
  const plain = (): string => formatValue(value, { ...options, width: options?.width ?? Infinity });
  return {
    value,
    toString: text,
    toHtml: () => toHtml(value, options),
    bundle: () => ({ "text/plain": plain(), "text/html": toHtml(value, options) }),
    display: (target) => {
      if (target.bundle) target.bundle({ "text/plain": plain(), "text/html": toHtml(value, options) });
      else target.html(toHtml(value, options));
    },
    [inspect.custom]: text,
  };
}
