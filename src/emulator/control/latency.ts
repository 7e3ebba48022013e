/** Added response delay: uniform in `meanMs ± jitterMs`. */
export interface Latency {
  readonly meanMs: number;
  readonly jitterMs: number;
}

/** The latency in force: the `--latency` setting, changed at run time by `PUT /_emulator/latency`. */
export interface LatencyDial {
  current: Latency;
}

/** Most milliseconds a latency may have (the `--latency` syntax's six digits). */
export const MAX_LATENCY_MS = 999_999;

/**
 * Parses `<ms>` or `<ms>±<ms>` (also `<ms>+-<ms>`), as the `--latency` flag takes it.
 * @example parseLatency("200±50") // { meanMs: 200, jitterMs: 50 }
 */
export function parseLatency(text: string): Latency {
  const match = /^\s*(\d{1,6})\s*(?:(?:±|\+-|\+\/-)\s*(\d{1,6}))?\s*$/.exec(text);
  if (!match) throw new RangeError(`latency must look like 200 or 200±50 (milliseconds), got "${text}"`);
  const meanMs = Number(match[1]);
  const jitterMs = Number(match[2] ?? 0);
  if (jitterMs > meanMs)
    throw new RangeError(`latency jitter (${jitterMs}) must not exceed the mean (${meanMs})`);
  return { meanMs, jitterMs };
}

/**
 * One delay drawn from the latency, using the given dice.
 * @example drawDelayMs({ meanMs: 100, jitterMs: 0 }, Math.random) // 100
 */
export function drawDelayMs(latency: Latency, random: () => number): number {
  if (latency.meanMs === 0) return 0;
  return Math.round(latency.meanMs + (random() * 2 - 1) * latency.jitterMs);
}
