import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Spawned REPLs, notebook kernels and load tests share two cores; run files two at a time.
    maxWorkers: 2,
  },
});
