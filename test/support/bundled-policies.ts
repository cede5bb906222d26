import { fileURLToPath } from 'node:url';
import type { PolicySet } from '../../src/policy/policy-set.js';
import { loadPolicies } from '../../src/policy/load.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let loaded: Promise<PolicySet> | undefined;

/**
 * The bundled policy set, read from its YAML (as `--no-cache` reads it) once per test worker and frozen, so that the
 * files that only use it share one reading and none can change it for the next (loadPolicies itself is tested where
 * it reads other folders).
 */
export function bundledPolicies(): Promise<PolicySet> {
  loaded ??= loadPolicies(`${ROOT}policies`, ROOT).then((set) => deepFreeze(set));
  return loaded;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
