import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files that need a module registry of their own: ask-session mocks @inquirer/prompts to see whether it is
 * loaded; sql-engines loads DuckDB's native addon and PGlite, kept out of the shared workers.
 */
const ISOLATED = ['test/unit/ask-session.test.ts', 'test/unit/sql-engines.test.ts'];

export default defineConfig({
  // The launcher and the cache folder's module are CommonJS TypeScript (.cts, see src/cli/launch.cts): strip their
  // types as the other sources' (vite's default takes .ts and .mts only).
  oxc: { include: /\.([cm]?ts|[jt]sx)$/ },
  test: {
    testTimeout: 30_000,
    // vitest's default is one worker fewer than the CPUs: one on a 2-core machine, where most of the time a worker
    // waits for a child process or a file.
    maxWorkers: Math.max(2, availableParallelism()),
    // The JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        // The rest share their worker's modules (zod, yaml, fast-check and the project's own are loaded once per
        // worker, not once per file): no file changes a module's state for the next one.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false, pool: 'threads' },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, pool: 'forks' } },
    ],
  },
});
