/**
 * How many generated cases a property-based test runs. `npm test` uses the small default given by the test;
 * `npm run fuzz` sets SUBSIDY_FUZZ_RUNS (a whole number) for the long run, and SUBSIDY_FUZZ_SEED to replay one.
 */
export function fuzzRuns(defaultRuns: number): number {
  const raw = process.env.SUBSIDY_FUZZ_RUNS;
  if (raw === undefined || raw === '') return defaultRuns;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`SUBSIDY_FUZZ_RUNS must be a whole number ≥ 1, not "${raw}"`);
  return runs;
}

/**
 * fast-check parameters: the runs above, a fixed seed when SUBSIDY_FUZZ_SEED is set (to replay a failure), and the
 * failing case's own error in the report (vitest shows only the report: without it a failure says what failed, not why).
 */
export function fuzzParams(defaultRuns: number): { numRuns: number; seed?: number; includeErrorInReport: true } {
  const seed = process.env.SUBSIDY_FUZZ_SEED;
  return { numRuns: fuzzRuns(defaultRuns), ...(seed ? { seed: Number(seed) } : {}), includeErrorInReport: true };
}
