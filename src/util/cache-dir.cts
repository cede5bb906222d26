import { join } from 'node:path';

/**
 * The user's cache folder (compiled policy sets, the start-up bundle's code cache): SUBSIDY_CACHE_DIR, else
 * %LOCALAPPDATA%\subsidy on Windows, else $XDG_CACHE_HOME/subsidy or ~/.cache/subsidy. Null when the environment names
 * none.
 */
export function cacheDirOf(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string | null {
  if (env.SUBSIDY_CACHE_DIR) return env.SUBSIDY_CACHE_DIR;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'subsidy') : null;
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : null);
  return base ? join(base, 'subsidy') : null;
}
