import { isAbsolute, resolve } from 'node:path';
import type { Stopping } from './interrupt.js';

/**
 * Everything a run of the CLI reads from or writes to its process: the shim (bin/subsidy.js) passes the real
 * ones, tests pass strings. No command touches process.stdout, stderr, env or argv directly.
 */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** The terminal's width when stdout is a terminal. */
  columns: number | undefined;
  /** The terminal's width when stderr is a terminal (absent: as stdout's). */
  stderrColumns?: number | undefined;
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** The system's locale (BCP 47, e.g. zh-CN), the last step of the language default; absent: Intl's. Tests pass one. */
  locale?: string;
  /**
   * How this run stops short (see Stopping): the shim passes the one its signal handlers stop; absent, the run
   * makes its own, which a cancelled prompt stops.
   */
  stopping?: Stopping;
}

/** A path the user gave, for file access in this run's folder: unchanged when relative to the process's own. */
export function pathIn(io: Pick<Io, 'cwd'>, path: string): string {
  return isAbsolute(path) || io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}

/** The file descriptor behind a stream, when it has one (the process's own streams); undefined for a test's. */
export function descriptorOf(stream: NodeJS.ReadableStream | NodeJS.WritableStream): number | undefined {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}
