import { groupThousands } from './decimal.js';

/**
 * The sizes past which an input is refused with a clear error instead of being worked on for minutes. Each is far
 * above real use (noted beside it); the README's "Limits" section states them.
 */
export const LIMITS = {
  /** A profile file, in bytes (real profiles: under 2 KB). */
  profileBytes: 1024 * 1024,
  /** A --params file, in bytes (real: a few lines). */
  paramsBytes: 1024 * 1024,
  /** A config file (subsidy.config.yaml, the user's config.yaml), in bytes (real: a few lines). */
  configBytes: 1024 * 1024,
  /** One policy file (document.yaml, a measure file, the source text), in bytes (real: under 30 KB each). */
  policyFileBytes: 16 * 1024 * 1024,
  /** One case file, in bytes (real: under 12 KB each). */
  caseFileBytes: 16 * 1024 * 1024,
  /** Uses of YAML aliases (*name) in one file, counting each expansion (real: none). */
  aliasUses: 100,
  /** Levels of nesting in one YAML file (real: about 10). */
  nesting: 64,
  /** Measures a policy document may declare (real: 25). */
  measures: 1000,
  /** Items in one policy (real: 55). */
  items: 10_000,
} as const;

/** 1048576 → "1 MiB", for messages. */
export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${groupThousands(bytes)} bytes`;
}
