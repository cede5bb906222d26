import { defineConfig } from 'vitest/config';

// npm run test:spark: the generated query on a local Spark session (needs pyspark and a JDK; skips without them).
export default defineConfig({
  test: { include: ['test/spark/*.spark.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
});
