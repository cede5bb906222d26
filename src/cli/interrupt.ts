import type { MessageId } from '../util/messages/index.js';

/** Whether an error is a prompt cancelled by the user (Ctrl-C at a question) or ended by a stop: exit 130, not a failure. */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/**
 * The catchable signals that stop a run, with the shell's exit code (128 + the signal's number) and the one line a
 * stopped run says. SIGINT is also Ctrl-C at a prompt, which the terminal gives as a key, not a signal.
 */
export const STOPS = {
  SIGINT: { code: 130, line: 'cli.interrupted' },
  SIGTERM: { code: 143, line: 'cli.stoppedTerm' },
  SIGHUP: { code: 129, line: 'cli.stoppedHup' },
} as const satisfies Record<string, { code: number; line: MessageId }>;
export type StopCause = keyof typeof STOPS;

/** How a stop went: its cause, and what went wrong in the tasks run before it (a save that failed). */
export interface Stopped {
  cause: StopCause;
  errors: unknown[];
}

/** What a command does before its run stops short: keep what would be lost (the answers so far of `ask --save`). */
export type StopTask = (cause: StopCause) => Promise<void>;

/** How long a stop waits for its tasks: a local file is written in milliseconds; a hung disk does not hold the exit. */
export const STOP_BOUND_MS = 3000;

/**
 * How a run stops short, the same for Ctrl-C at a prompt and for SIGINT, SIGTERM and SIGHUP: commands register
 * what to do first, and whoever stops the run (main.ts at a cancelled prompt, bin/subsidy.js on a signal) calls
 * stop, which aborts `signal` (a prompt given it ends as at Ctrl-C, its screen tidied) and runs every task once,
 * waiting at most `boundMs`. Only the first stop counts; later ones get its result. One per run, never a process
 * global: the bin passes its own in io.stopping, and a run given none makes one (stoppingOf).
 */
export class Stopping {
  readonly #controller = new AbortController();
  readonly #tasks = new Set<StopTask>();
  #cause: StopCause | undefined;
  #stopped: Promise<Stopped> | undefined;

  constructor(readonly boundMs = STOP_BOUND_MS) {}

  /** Aborted when the run begins to stop. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The cause of the stop begun, if one has begun. */
  get cause(): StopCause | undefined {
    return this.#cause;
  }

  /** Registers `task` to run before the run stops short (a task registered once a stop has begun is not run). */
  before(task: StopTask): void {
    this.#tasks.add(task);
  }

  /** Begins the stop, or gives the one begun. Never rejects: a task's error is in the result, for the run to tell. */
  stop(cause: StopCause): Promise<Stopped> {
    if (this.#stopped) return this.#stopped;
    this.#cause = cause;
    this.#controller.abort();
    const tasks = [...this.#tasks];
    this.#tasks.clear();
    this.#stopped = (async () => {
      const errors: unknown[] = [];
      const settled = Promise.all(tasks.map((task) => Promise.resolve().then(() => task(cause)).catch((error: unknown) => void errors.push(error))));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.boundMs)));
      await Promise.race([settled, late]);
      clearTimeout(timer);
      return { cause, errors };
    })();
    return this.#stopped;
  }
}

const STOPPINGS = new WeakMap<object, Stopping>();

/** The Stopping of a run: io.stopping when the caller gave one (the bin, for its signals), else the run's own. */
export function stoppingOf(io: { stopping?: Stopping }): Stopping {
  if (io.stopping) return io.stopping;
  let own = STOPPINGS.get(io);
  if (!own) STOPPINGS.set(io, (own = new Stopping()));
  return own;
}
