import type { Profile } from '../facts/facts.js';
import { evaluate, type CheckResult, type CompiledPolicy } from './evaluate.js';
import { nearMisses, type NearMiss } from './what-if.js';

export type CheckWithNearMisses = CheckResult & { nearMisses: NearMiss[] };

/** What `check` reports for one profile (and `ask` after its questions): the engine's result and the near misses. */
export function checkWithNearMisses(compiled: CompiledPolicy, profile: Profile, asOf: string): CheckWithNearMisses {
  return { ...evaluate(compiled, profile, asOf), nearMisses: nearMisses(compiled, profile, asOf) };
}
