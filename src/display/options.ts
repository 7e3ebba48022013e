/** Options every formatter takes. */
export interface DisplayOptions {
  /** Columns available; tables shrink to fit. Default 100; `Infinity` cuts nothing (the console's pipes and files). */
  width?: number;
  /** Emit ANSI colours (severity, errors, headers). Default false: callers decide from the terminal and NO_COLOR. */
  color?: boolean;
  /** Rows shown before a "… N more" footer. Default 50 (text), 100 (HTML). */
  maxRows?: number;
  /** Lists as one record per row (`-[ 1 ]-` headers, like psql's `\x`), for rows too wide for a table. */
  vertical?: boolean;
}

/** Options with every default applied. */
export interface NormalizedDisplayOptions {
  readonly width: number;
  readonly color: boolean;
  readonly maxRows: number;
  readonly vertical: boolean;
}

const MIN_WIDTH = 20;

/**
 * Applies the defaults once (width 100, no colour, 50 rows).
 * @example normalizeDisplayOptions({ color: true }).width // 100
 */
export function normalizeDisplayOptions(
  options: DisplayOptions = {},
  defaults: Partial<NormalizedDisplayOptions> = {},
): NormalizedDisplayOptions {
  return {
    width: Math.max(MIN_WIDTH, Math.floor(options.width ?? defaults.width ?? 100)),
    color: options.color ?? defaults.color ?? false,
    maxRows: Math.max(1, Math.floor(options.maxRows ?? defaults.maxRows ?? 50)),
    vertical: options.vertical ?? defaults.vertical ?? false,
  };
}
