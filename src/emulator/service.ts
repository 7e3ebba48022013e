import type { TokenKey } from "./auth/jwt.js";
import type { BodyBudget } from "./control/body-budget.js";
import type { FaultDice } from "./control/faults.js";
import type { LatencyDial } from "./control/latency.js";
import type { RateLimiter } from "./control/rate-limit.js";
import type { Stats } from "./control/stats.js";
import type { Settings } from "./options.js";
import type { EndpointLimits } from "./services/indicators/limits.js";
import type { IndicatorSeed } from "./services/indicators/seed.js";
import type { Seed } from "./seed/seed.js";
import type { Store } from "./store/store.js";

/** Everything one running emulator holds; the protocol layer and the handlers share it. */
export interface Service {
  readonly settings: Settings;
  readonly store: Store;
  readonly key: TokenKey;
  readonly stats: Stats;
  readonly faults: FaultDice;
  readonly limiter: RateLimiter;
  /** Request-body bytes held at once, across requests. */
  readonly bodies: BodyBudget;
  /** The Indicators API's documented per-endpoint limits (`--rate-limit documented`). */
  readonly indicatorLimits: EndpointLimits;
  /** The added response delay in force (starts as `settings.latency`). */
  readonly latency: LatencyDial;
  /** Dice for latency draws (seeded like the faults). */
  readonly random: () => number;
  /** Seed data to load into an empty store on start and on reset. */
  readonly seed: Seed | undefined;
  /** Indicators to load into an empty Indicators set on start and on reset. */
  readonly indicatorSeed: IndicatorSeed | undefined;
  /** The clock (ms since epoch). */
  readonly now: () => number;
}
