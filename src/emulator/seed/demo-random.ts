import { seededRandom } from "../control/random.js";

/** The PRNG seed of `--seed demo`: fixed, so every start draws the same data. */
export const DEMO_PRNG_SEED = 20_181_101;

/** Draws from a fixed seeded source: picks, integers and hex strings for the demo data. */
export interface DemoDice {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One item of a list, weights optional (same length as the list). */
  pick<T>(items: readonly T[], weights?: readonly number[]): T;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/**
 * Dice over {@link seededRandom}: the same seed gives the same sequence of draws.
 * @example demoDice(1).hex(8) // the same 8 digits on every run
 */
export function demoDice(seed: number): DemoDice {
  const next = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    pick<T>(items: readonly T[], weights?: readonly number[]): T {
      if (!weights) return items[int(0, items.length - 1)] as T;
      let roll = next() * weights.reduce((a, b) => a + b, 0);
      for (const [i, w] of weights.entries()) if ((roll -= w) < 0) return items[i] as T;
      return items[items.length - 1] as T;
    },
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(""),
    chance: (p) => next() < p,
  };
}

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
