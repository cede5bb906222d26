import { msg, render, type Message } from '../../util/messages/index.js';
import { availableParallelism } from 'node:os';
import { codedRowEvaluator } from '../../batch/evaluate-row.js';
import { errorLines, errorsHeader, rowFormatter, type ResultShape } from '../../batch/formats.js';
import { OutputSink } from '../../batch/output-sink.js';
import { scanCodedRows, type CodedRowVisitor, type ScanProgress } from '../../batch/read-applicants.js';
import { readerThreadPays, scanCodedRowsOffThread } from '../../batch/read-off-thread.js';
import { BatchTally } from '../../batch/tally.js';
import type { XlsxResults } from '../../batch/xlsx-write.js';
import { inputError } from '../../util/problems.js';
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

/** The output format: as given, else xlsx for an --out file named .xlsx, else csv. A text format into .xlsx is refused. */
function outputFormat(options: BatchOptions): NonNullable<BatchOptions['format']> {
  const workbookName = options.out !== undefined && /\.xlsx$/i.test(options.out);
  if (options.errors !== undefined && /\.xlsx$/i.test(options.errors)) {
    throw inputError('xlsx.errorsNotWorkbook', undefined, options.errors);
  }
  if (options.format === undefined) return workbookName ? 'xlsx' : 'csv';
  if (workbookName && options.format !== 'xlsx') {
    throw inputError('xlsx.textFormatNotWorkbook', { format: options.format, ext: options.format === 'long' ? 'csv' : options.format }, options.out!);
  }
  return options.format;
}

export async function batch(file: string, options: BatchOptions, io: Io): Promise<number> {
  const format = outputFormat(options);
  if (format === 'xlsx' && options.out === undefined && io.isTTY.stdout) {
    throw inputError('xlsx.notOnTerminal', undefined, 'stdout');
  }
  const [outTarget, errorsTarget] = await checkOutputs(
    [options.out !== undefined ? { flag: '--out', path: options.out } : null, options.errors !== undefined ? { flag: '--errors', path: options.errors } : null],
    evaluationInputs(options, { what: msg('input.applicantsFile'), path: file, fd: descriptorOf(io.stdin) }),
    { cwd: io.cwd },
  );
  const context = await loadContext(options, io);
  const { compiled, asOf, lang } = context;
  const name = file === '-' ? 'stdin' : file;
  // Headers and cells come from the file: their control characters are shown as escapes, never sent raw.
  const say = (problem: { path: string; message: Message }) => io.stderr.write(`${render(msg('cli.prefix'), lang)}${escapeControl(formatProblem({ file: name, ...problem }, lang))}\n`);
  printNotices(noticesFor(context.set, asOf, context.compiled.readings), lang, io);

  const shape: ResultShape = { lang, titles: options.titles === true };
  const tally = new BatchTally(compiled);
  // xlsx: a workbook writer of its own; the text formats: rows as bytes into an OutputSink.
  let workbook: XlsxResults | null = null;
  let out: OutputSink | null = null;
  if (format === 'xlsx') {
    const { XlsxResults } = await import('../../batch/xlsx-write.js');
    workbook = await XlsxResults.open(outTarget ?? { kind: 'stdout' }, options.out ?? 'stdout', io.stdout, { compiled, shape, asOf, tally });
  } else out = outTarget ? await OutputSink.open(outTarget, options.out!, msg('batch.results'), io.stdout) : OutputSink.stdout(io.stdout);
  const formatter = format === 'xlsx' ? null : rowFormatter(format, compiled, shape);
  let errorsOut: OutputSink | null = null;
  try {
    errorsOut = errorsTarget ? await OutputSink.open(errorsTarget, options.errors!, msg('batch.errors'), io.stdout) : null;
  } catch (error) {
    await (out ?? workbook)!.abort();
    throw error;
  }
  const sinks: { drain(): Promise<void>; commit(): Promise<void>; abort(): Promise<void> }[] = [(out ?? workbook)!, ...(errorsOut ? [errorsOut] : [])];
  if (out && formatter) {
    if (out.isFile && formatter.csv) out.write('\uFEFF');
    out.write(formatter.header);
  }
  errorsOut?.write(`\uFEFF${errorsHeader(shape)}`);

  const progress = progressLine(lang, io);
  // Compiled for the header's columns when it is read: the facts it lacks are unknown in every row.
  let evaluateRow: ReturnType<typeof codedRowEvaluator> | null = null;
  const rows: CodedRowVisitor = {
    header: (facts) => (evaluateRow = codedRowEvaluator(compiled, asOf, facts)),
    ok: (row, id, codes, offset) => {
      const result = evaluateRow!(codes, offset);
      tally.ok(result);
      if (workbook) workbook.okRow(row, id, result);
      else formatter!.ok(out!, row, id, result);
    },
    error: (row, id, errors) => {
      tally.error();
      if (workbook) workbook.errorRow(row, id, errors);
      else formatter!.error(out!, row, id, errors);
      errorsOut?.write(errorLines(row, id, errors, lang));
      if (tally.errors <= ERRORS_SHOWN) {
        progress.clear();
        for (const error of errors) {
          const column = `${error.column}${error.cell ? ` (${error.cell})` : ''}`;
          say({ path: render(msg('csv.row', { row }), lang), message: error.column ? msg('csv.rowErrorColumn', { column, message: error.message }) : error.message });
        }
      }
    },
  };

  let stoppedByReader = false;
  try {
    const input = file === '-' ? { stream: io.stdin } : { path: pathIn(io, file) };
    const warn = (message: Message) => {
      progress.clear();
      say({ path: '', message });
    };
    // A second core parses while this one evaluates and writes, for an input large enough to pay for the thread: npm
    // run bench shows the gain, and the loss on a smaller file.
    const threaded = options.readerThread || (availableParallelism() > 1 && !options.singleThread && (await readerThreadPays(input)));
    const scan = threaded ? scanCodedRowsOffThread : scanCodedRows;
    for await (const step of scan(input, { facts: context.set.facts, encoding: options.encoding, onWarning: warn, name, sheet: options.sheet }, rows)) {
      const failed = out?.error ?? workbook?.failed;
      if (failed && (failed as NodeJS.ErrnoException).code === 'EPIPE') {
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
    say({ path: '', message: options.errors ? msg('batch.moreErrors', { count: summary.rowsError - ERRORS_SHOWN, file: options.errors }) : msg('batch.moreErrorsFlag', { count: summary.rowsError - ERRORS_SHOWN }) });
  }
  io.stderr.write(renderBatchSummary(summary, lang, io.isTTY.stderr ? (io.stderrColumns ?? io.columns) : undefined));
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
