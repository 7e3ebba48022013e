// Time from spawn to the first prompt, under a pseudo-terminal: ti-console on the embedded emulator vs a bare
// `node` REPL (and `mongosh --nodb` when it is already installed), plus the time until ti-console is connected
// (emulator started, first token fetched). Runs alternate so that load on the machine
// hits both alike; prints medians and the ratio (target <= 2x). Run: npm run build && npx tsx bench/startup.ts
import { execFileSync } from "node:child_process";
import { median, PROMPT_TARGETS, timeToPrompt, type PromptTarget } from "./prompt-time.js";

const RUNS = Number(process.env["RUNS"] ?? 10);

function which(command: string): string | undefined {
  try {
    return execFileSync("which", [command], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const targets: PromptTarget[] = [...PROMPT_TARGETS];
const mongosh = which("mongosh");
if (mongosh) targets.push({ name: "mongosh --nodb", file: mongosh, args: ["--nodb"], prompt: />\s*$/ });

const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
await timeToPrompt(targets[1]!); // warm the file cache once, not counted
for (let run = 0; run < RUNS; run++) {
  for (const target of targets) samples.get(target.name)!.push(await timeToPrompt(target));
}
const baseline = median(samples.get(targets[0]!.name)!);
console.log(`spawn to first prompt, median of ${RUNS} runs (pseudo-terminal)`);
for (const target of targets) {
  const values = samples.get(target.name)!;
  const m = median(values);
  const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
  console.log(
    `${target.name.padEnd(24)} ${m.toFixed(0).padStart(6)} ms  (${range})  ${(m / baseline).toFixed(2)}x node`,
  );
}
if (!mongosh) console.log("mongosh: not installed (not measured)");
process.exit(0);
