// The top frames by self time of a V8 .cpuprofile (what `node --cpu-prof` writes), optionally only the samples
// inside a time window (µs on the profile's clock, which on Linux is CLOCK_MONOTONIC, as process.hrtime).
// Run: npx tsx bench/top-frames.ts FILE.cpuprofile [--top 20] [--from µs] [--to µs]
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The slice of a .cpuprofile this script reads. */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
    };
  }>;
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's self time, summed over every node of the call tree that is that function. */
export interface Frame {
  readonly name: string;
  readonly selfMs: number;
}

/** Self time per function (idle excluded) and the total CPU time the samples cover, in ms. */
export interface TopFrames {
  readonly totalMs: number;
  readonly frames: readonly Frame[];
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Sums self time per function of a profile file, largest first, within [from, to] µs when given.
 * @example topFrames("client.cpuprofile").frames[0] // { name: "parse dist/…/csv.js:12", selfMs: 41.2 }
 */
export function topFrames(file: string, window: { from?: number; to?: number } = {}): TopFrames {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const names = new Map(profile.nodes.map((n) => [n.id, frameName(n.callFrame)]));
  const self = new Map<string, number>();
  let at = profile.startTime;
  let totalUs = 0;
  // A sample's delta is the time since the previous one: it is charged to the frame on top at this sample.
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if ((window.from !== undefined && at < window.from) || (window.to !== undefined && at > window.to))
      continue;
    const name = names.get(profile.samples[i]!) ?? "?";
    if (name === "(idle)") continue;
    self.set(name, (self.get(name) ?? 0) + delta);
    totalUs += delta;
  }
  const frames = [...self].map(([name, us]) => ({ name, selfMs: us / 1000 }));
  frames.sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: totalUs / 1000, frames };
}

function frameName(frame: CpuProfile["nodes"][number]["callFrame"]): string {
  if (!frame.url) return frame.functionName || "(anonymous)";
  const path = frame.url.startsWith("file://") ? relative(ROOT, fileURLToPath(frame.url)) : frame.url;
  return `${frame.functionName || "(anonymous)"} ${path}:${frame.lineNumber + 1}`;
}

/**
 * The table lines for `top`'s first `count` frames, each with ms and share of the total.
 * @example console.log(formatTopFrames("emulator", topFrames(file), 15).join("\n"))
 */
export function formatTopFrames(label: string, top: TopFrames, count: number): string[] {
  const lines = [`${label}: ${top.totalMs.toFixed(0)} ms CPU sampled, top ${count} frames by self time`];
  for (const frame of top.frames.slice(0, count)) {
    const share = top.totalMs ? (100 * frame.selfMs) / top.totalMs : 0;
    lines.push(`  ${frame.selfMs.toFixed(1).padStart(8)} ms ${share.toFixed(1).padStart(5)}%  ${frame.name}`);
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
  });
  const window = {
    ...(values.from ? { from: Number(values.from) } : {}),
    ...(values.to ? { to: Number(values.to) } : {}),
  };
  for (const file of positionals) {
    console.log(formatTopFrames(file, topFrames(file, window), Number(values.top ?? 20)).join("\n"));
  }
}
