import { availableParallelism } from 'node:os';
import { codedRowEvaluator } from '../../batch/evaluate-row.js';
import { describeRowError, errorLines, ERRORS_HEADER, rowFormatter } from '../../batch/formats.js';
import { OutputSink } from '../../batch/output-sink.js';
import { scanCodedRows, type CodedRowVisitor, type ScanProgress } from '../../batch/read-applicants.js';
import { scanCodedRowsOffThread } from '../../batch/read-off-thread.js';
import { BatchTally } from '../../batch/tally.js';
import { noticesFor } from '../../engine/evaluate.js';
import { renderBatchSummary, renderProgress } from '../../report/batch-summary.js';
import { escapeControl } from '../../util/escape.js';
import { checkOutputs } from '../../util/output-paths.js';
import { formatProblem } from '../../util/problems.js';
import { evaluationInputs, loadContext, printNotices } from '../context.js';
import { descriptorOf, pathIn, type Io } from '../io.js';
import type { BatchOptions } from '../program.js';

/** Bad rows printed on stderr as they come; the rest are counted (all of them go to the output and --errors). */
const ERRORS_SHOWN = 10;
const PROGRESS_EVERY_MS = 250;

export async function batch(file: string, options: BatchOptions, io: Io): Promise<number> {
  const [outTarget, errorsTarget] = await checkOutputs(
    [options.out !== undefined ? { flag: '--out', path: options.out } : null, options.errors !== undefined ? { flag: '--errors', path: options.errors } : null],
    evaluationInputs(options, { what: 'the applicants file', path: file, fd: descriptorOf(io.stdin) }),
    { cwd: io.cwd },
  );
  const context = await loadContext(options, io);
  const { compiled, asOf, lang } = context;
  const name = file === '-' ? 'stdin' : file;
  // Headers and cells come from the file: their control characters are shown as escapes, never sent raw.
  const say = (problem: { path: string; message: string }) => io.stderr.write(`subsidy: ${escapeControl(formatProblem({ file: name, ...problem }))}\n`);
  printNotices(noticesFor(context.set, asOf, context.compiled.readings), lang, io);

  const formatter = rowFormatter(options.format, compiled);
  const out = outTarget ? await OutputSink.open(outTarget, options.out!, 'the results', io.stdout) : OutputSink.stdout(io.stdout);
  let errorsOut: OutputSink | null = null;
  try {
    errorsOut = errorsTarget ? await OutputSink.open(errorsTarget, options.errors!, 'the errors', io.stdout) : null;
  } catch (error) {
    await out.abort();
    throw error;
  }
  const sinks = errorsOut ? [out, errorsOut] : [out];
  if (out.isFile && formatter.csv) out.write('\uFEFF');
  out.write(formatter.header);
  errorsOut?.write(`\uFEFF${ERRORS_HEADER}`);

  const progress = progressLine(lang, io);
  const tally = new BatchTally(compiled);
  // Compiled for the header's columns when it is read: the facts it lacks are unknown in every row.
  let evaluateRow: ReturnType<typeof codedRowEvaluator> | null = null;
  const rows: CodedRowVisitor = {
    header: (facts) => (evaluateRow = codedRowEvaluator(compiled, asOf, facts)),
    ok: (row, id, codes, offset) => {
      const result = evaluateRow!(codes, offset);
      tally.ok(result);
      formatter.ok(out, row, id, result);
    },
    error: (row, id, errors) => {
      tally.error();
      formatter.error(out, row, id, errors);
      errorsOut?.write(errorLines(row, id, errors));
      if (tally.errors <= ERRORS_SHOWN) {
        progress.clear();
        for (const error of errors) say({ path: `row ${row}`, message: describeRowError(error) });
      }
    },
  };

  let stoppedByReader = false;
  try {
    const input = file === '-' ? { stream: io.stdin } : { path: pathIn(io, file) };
    const warn = (message: string) => {
      progress.clear();
      say({ path: '', message });
    };
    // A second core parses while this one evaluates and writes: npm run bench shows the gain.
    const scan = availableParallelism() > 1 && !options.singleThread ? scanCodedRowsOffThread : scanCodedRows;
    for await (const step of scan(input, { facts: context.set.facts, encoding: options.encoding, onWarning: warn, name }, rows)) {
      if (out.error && (out.error as NodeJS.ErrnoException).code === 'EPIPE') {
        stoppedByReader = true;
        break;
      }
      for (const sink of sinks) await sink.drain();
      progress.update(step);
    }
    progress.clear();
    for (const sink of sinks) await sink.commit();
  } catch (error) {
    progress.clear();
    for (const sink of sinks) await sink.abort();
    throw error;
  }
  if (stoppedByReader) return 0;

  const summary = tally.summary();
  if (summary.rowsError > ERRORS_SHOWN) {
    say({ path: '', message: `${summary.rowsError - ERRORS_SHOWN} more rows with errors${options.errors ? ` are in ${options.errors}` : '; --errors FILE lists them all'}` });
  }
  io.stderr.write(renderBatchSummary(summary, lang));
  return summary.rowsError > 0 ? 1 : 0;
}

/** Progress on stderr, only when stderr is a terminal, at most four times a second. */
function progressLine(lang: 'zh' | 'en', io: Io) {
  const live = io.isTTY.stderr;
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(step: ScanProgress): void {
      const now = Date.now();
      if (!live || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      io.stderr.write(`\r${renderProgress(step, now - started, lang)}\x1b[K`);
    },
    clear(): void {
      if (!shown) return;
      shown = false;
      io.stderr.write('\r\x1b[K');
    },
  };
}
