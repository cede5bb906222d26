import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { INPUT_ENCODINGS, type InputEncoding } from '../../batch/decode-text.js';
import { codedRowEvaluator } from '../../batch/evaluate-row.js';
import { describeRowError, errorLine, ERRORS_HEADER, OUTPUT_FORMATS, rowFormatter, type OutputFormat } from '../../batch/formats.js';
import { OutputSink } from '../../batch/output-sink.js';
import { scanCodedRows, type CodedRowVisitor, type ScanProgress } from '../../batch/read-applicants.js';
import { scanCodedRowsOffThread } from '../../batch/read-off-thread.js';
import { BatchTally } from '../../batch/tally.js';
import { noticesFor } from '../../engine/evaluate.js';
import { renderBatchSummary, renderProgress } from '../../report/batch-summary.js';
import { formatProblem } from '../../util/problems.js';
import { addEvaluationOptions, loadContext, printNotices, type CommonOptions } from '../context.js';

interface BatchOptions extends CommonOptions {
  out?: string;
  format: OutputFormat;
  errors?: string;
  encoding?: InputEncoding;
  singleThread?: boolean;
}

/** Bad rows printed on stderr as they come; the rest are counted (all of them go to the output and --errors). */
const ERRORS_SHOWN = 10;
const PROGRESS_EVERY_MS = 250;

const HELP = `
Input: a CSV whose first row names facts by name or label, in any case (学历 or degree, 社保月数 or
socialInsuranceMonths; see "subsidy facts"). An id or 编号 column passes through; other unknown columns are
ignored with a warning. A blank cell is unknown. UTF-8 with or without BOM; GBK with --encoding gbk, or
detected (with a notice) when the bytes are not valid UTF-8. "-" reads stdin.

"row" is the applicant's data row: 1 is the first row after the header; blank lines are skipped and not counted.

Output (stdout, or --out FILE written whole or not at all; CSV files start with a BOM for Excel):
  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error
          one line per row; item ids are separated by ";"
  long    id,measure,item,recipient,figure,estimate
          one line per applicant and eligible item, for pivot tables (bad rows are in --errors only)
  ndjson  {"row","id","eligible":[{"id","measure","recipient","cny","estimateCNY"}],
           "undetermined":[{"id","measure","cny","missing"}],"totalEstimateCNY"}
          or {"row","id","error":{"column","value","message"}} for a bad row
Cells starting with = + - @ are prefixed with ' so that Excel does not run them as formulas.

A bad row never stops the batch: it is reported with its row, column, value and what is allowed, in the output,
in --errors FILE (row,id,column,value,message) and on stderr. Summary and progress go to stderr.

Exit codes: 0 every row ok; 1 some rows had errors; 2 could not run (bad flags, unreadable or empty file,
no recognisable header).

Example:
  $ subsidy batch applicants.csv --out results.csv --errors errors.csv --as-of 2024-06-30
  $ subsidy batch - --format ndjson < applicants.csv`;

export function batchCommand(): Command {
  return addEvaluationOptions(
    new Command('batch')
      .description('Check every applicant of a CSV file: one result per row, streamed')
      .argument('<file>', 'the applicants CSV, or - for stdin')
      .addOption(new Option('--out <file>', 'write the results to this file instead of stdout'))
      .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('csv'))
      .addOption(new Option('--errors <file>', 'also write the bad rows to this CSV file'))
      .addOption(new Option('--encoding <encoding>', 'input encoding (default: UTF-8, or GBK when detected)').choices(INPUT_ENCODINGS))
      .addOption(new Option('--single-thread', 'parse the CSV on the main thread too (default: a second thread parses when the machine has more than one CPU)')),
  )
    .addHelpText('after', HELP)
    .action(async (file: string, options: BatchOptions) => {
      const context = await loadContext(options);
      const { compiled, asOf, lang } = context;
      const name = file === '-' ? 'stdin' : file;
      const say = (problem: { path: string; message: string }) => process.stderr.write(`subsidy: ${formatProblem({ file: name, ...problem })}\n`);
      printNotices(noticesFor(context.set, asOf), lang);

      const formatter = rowFormatter(options.format, compiled);
      const out = options.out ? await OutputSink.file(options.out, 'the results') : OutputSink.stdout();
      let errorsOut: OutputSink | null = null;
      try {
        errorsOut = options.errors ? await OutputSink.file(options.errors, 'the errors') : null;
      } catch (error) {
        await out.abort();
        throw error;
      }
      const sinks = errorsOut ? [out, errorsOut] : [out];
      if (out.isFile && formatter.csv) out.write('\uFEFF');
      out.write(formatter.header);
      errorsOut?.write(`\uFEFF${ERRORS_HEADER}`);

      const progress = progressLine(lang);
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
        error: (row, id, error) => {
          tally.error();
          formatter.error(out, row, id, error);
          errorsOut?.write(errorLine(row, id, error));
          if (tally.errors <= ERRORS_SHOWN) {
            progress.clear();
            say({ path: `row ${row}`, message: describeRowError(error) });
          }
        },
      };

      let stoppedByReader = false;
      try {
        const input = file === '-' ? { stream: process.stdin } : { path: file };
        const warn = (message: string) => {
          progress.clear();
          say({ path: '', message });
        };
        // A second core parses while this one evaluates and writes: npm run bench shows the gain.
        const scan = availableParallelism() > 1 && !options.singleThread ? scanCodedRowsOffThread : scanCodedRows;
        for await (const step of scan(input, { encoding: options.encoding, onWarning: warn, name }, rows)) {
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
      if (stoppedByReader) return;

      const summary = tally.summary();
      if (summary.rowsError > ERRORS_SHOWN) {
        say({ path: '', message: `${summary.rowsError - ERRORS_SHOWN} more rows with errors${options.errors ? ` are in ${options.errors}` : '; --errors FILE lists them all'}` });
      }
      process.stderr.write(renderBatchSummary(summary, lang));
      process.exitCode = summary.rowsError > 0 ? 1 : 0;
    });
}

/** Progress on stderr, only when stderr is a terminal, at most four times a second. */
function progressLine(lang: 'zh' | 'en') {
  const live = Boolean(process.stderr.isTTY);
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(step: ScanProgress): void {
      const now = Date.now();
      if (!live || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      process.stderr.write(`\r${renderProgress(step, now - started, lang)}\x1b[K`);
    },
    clear(): void {
      if (!shown) return;
      shown = false;
      process.stderr.write('\r\x1b[K');
    },
  };
}
