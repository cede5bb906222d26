import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import stringWidth from 'string-width';
import type { CompiledPolicy } from '../engine/evaluate.js';
import { msg, type Message } from '../util/messages/index.js';
import { t } from '../report/messages.js';
import { commitTemporary, createTemporary, discardTemporary, openStream, type Temporary } from '../util/atomic-write.js';
import type { OutputTarget } from '../util/output-paths.js';
import { inputError } from '../util/problems.js';
import type { RowResult } from './evaluate-row.js';
import { badRowsColumns, describeRowErrors, itemLabelKinds, resultColumns, rowErrorMessage, type ResultShape } from './formats.js';
import type { RowError } from './row-coder.js';
import type { BatchTally } from './tally.js';

/** The most rows an Excel sheet holds, its header row included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Yuan as Excel shows them: ¥3,500.00. The cell holds the number. */
export const YUAN_FORMAT = '"¥"#,##0.00';
/** Rows whose cells set the column widths: written once they are measured (a streamed sheet's widths come first). */
const MEASURED_ROWS = 200;
/** The widest a column is made, in Excel's character units; longer text wraps out of sight, still whole in the cell. */
const MAX_WIDTH = 60;
const MIN_WIDTH = 6;
/** XML that may wait for the compressor before the batch waits. */
const QUEUE_BYTES = 4 * 1024 * 1024;

/** What the workbook says about the run, in its properties and its summary sheet. */
export interface XlsxRun {
  compiled: CompiledPolicy;
  shape: ResultShape;
  asOf: string;
  tally: BatchTally;
  /** The most rows a sheet may have (Excel's; smaller in tests). */
  maxRows?: number;
}

type Cell = string | number | null;
interface WorksheetLike {
  addRow(values: Cell[]): { commit(): void; getCell(column: number): { numFmt: string } };
  getColumn(column: number): { width?: number };
  commit(): void;
}
interface WorkbookLike {
  addWorksheet(name: string, options?: object): WorksheetLike;
  commit(): Promise<unknown>;
  creator: string;
  title: string;
  subject: string;
  description: string;
  keywords: string;
  category: string;
}

/** A cell's width in Excel's units: a CJK character takes two. */
const widthOf = (value: Cell): number => (value === null ? 0 : typeof value === 'number' ? String(value).length + 4 : stringWidth(value.length > 200 ? value.slice(0, 200) : value));

/**
 * A sheet written row by row, its column widths fitted to its header and first rows. Every cell is a value: a
 * string (text that starts with = + - @ stays text: no cell is ever a formula) or a number.
 */
class SheetWriter {
  private pending: Cell[][] = [];
  private started = false;
  private rows = 0;

  constructor(
    private readonly sheet: WorksheetLike,
    private readonly header: string[],
    /** The columns (0-based) that hold yuan. */
    private readonly yuanColumns: number[],
    private readonly maxRows: number,
    private readonly what: Message,
    /** The output's name, for the message. */
    private readonly file: string,
  ) {
    this.pending.push(header);
  }

  add(values: Cell[]): void {
    if (++this.rows >= this.maxRows) {
      throw inputError('xlsx.tooManyRows', { what: this.what, max: (this.maxRows - 1).toLocaleString('en-US'), withHeader: this.maxRows.toLocaleString('en-US') }, this.file);
    }
    if (this.started) this.write(values);
    else {
      this.pending.push(values);
      if (this.pending.length > MEASURED_ROWS) this.start();
    }
  }

  private start(): void {
    this.started = true;
    this.header.forEach((_, k) => {
      const widest = Math.max(...this.pending.map((values) => widthOf(values[k] ?? null)));
      this.sheet.getColumn(k + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
    });
    const [header, ...rows] = this.pending;
    this.pending = [];
    this.sheet.addRow(header!).commit();
    for (const values of rows) this.write(values);
  }

  private write(values: Cell[]): void {
    const row = this.sheet.addRow(values);
    for (const k of this.yuanColumns) if (typeof values[k] === 'number') row.getCell(k + 1).numFmt = YUAN_FORMAT;
    row.commit();
  }

  commit(): void {
    if (!this.started) this.start();
    this.sheet.commit();
  }
}

/**
 * `batch --out FILE.xlsx`: a workbook of three sheets. The results, one row per applicant row in input order (the
 * columns of the csv format, in the run's language, numbers as numbers, yuan formatted), header frozen; the bad
 * rows, one row per bad cell (row, id, the column as the file's header wrote it, the value, the reason); and a
 * summary: per item, the applicants eligible, the sum of their estimates and the count of each status. The policy
 * and the as-of date are in the workbook's properties. The results sheet is streamed (exceljs's streaming writer);
 * the bad rows are kept until it is complete, then written. A file is written under a temporary name and renamed at
 * the end, as every output is.
 */
export class XlsxResults {
  private readonly results: SheetWriter;
  private readonly resultsSheet: WorksheetLike;
  private readonly badRows: Cell[][] = [];
  private failure: Error | null = null;
  private readonly maxRows: number;
  private readonly labels: ((result: RowResult, which: 'eligible' | 'undetermined') => string)[];

  private constructor(
    private readonly workbook: WorkbookLike,
    private readonly stream: Writable,
    private readonly temporary: Temporary | null,
    private readonly final: string | null,
    private readonly name: string,
    private readonly run: XlsxRun,
  ) {
    this.maxRows = run.maxRows ?? EXCEL_MAX_ROWS;
    const { shape, compiled } = run;
    const lang = shape.lang;
    stream.on('error', (error: Error) => (this.failure ??= error));
    workbook.creator = 'subsidy';
    const document = compiled.set.document;
    workbook.title = `${document.number} ${document.title[lang]}`;
    workbook.subject = `${t('batchAsOf', lang)} ${run.asOf}`;
    workbook.description = `${t('batchPolicy', lang)}: ${document.number} ${document.title[lang]}; ${t('batchAsOf', lang)}: ${run.asOf}`;
    workbook.keywords = `${document.number}; ${run.asOf}`;
    workbook.category = document.number;
    const frozen = { views: [{ state: 'frozen', ySplit: 1 }] };
    const header = resultColumns(shape);
    const totalColumn = 3 + itemLabelKinds(shape).length + 1;
    this.resultsSheet = workbook.addWorksheet(t('batchSheetResults', lang), frozen);
    this.results = new SheetWriter(this.resultsSheet, header, [totalColumn], this.maxRows, msg('batch.results'), name);
    this.labels = itemLabelKinds(shape).map((kind) => {
      const labels = compiled.items.map(({ item }) => (kind === 'id' ? item.id : item.title[lang]));
      return (result, which) => {
        const bits = which === 'eligible' ? result.eligibleBits : result.undeterminedBits;
        const chosen: string[] = [];
        for (let index = 0; index < labels.length; index++) if (bits[index >>> 5]! & (1 << (index & 31))) chosen.push(labels[index]!);
        return chosen.join(';');
      };
    });
  }

  /** Opens an output checked by checkOutputs (`name` as the user gave it). */
  static async open(target: OutputTarget, name: string, stdout: NodeJS.WritableStream | null, run: XlsxRun): Promise<XlsxResults> {
    const { default: ExcelJS } = await import('exceljs');
    let temporary: Temporary | null = null;
    let stream: Writable;
    try {
      if (target.kind === 'stdout') {
        if (!stdout) throw new Error('no standard output given');
        const through = new PassThrough();
        through.pipe(stdout as Writable, { end: false });
        stream = through;
      } else if (target.kind === 'stream') stream = createWriteStream('', { fd: await openStream(target.path) });
      else {
        temporary = await createTemporary(target.path, target.mode);
        // The descriptor stays open for commitTemporary, which puts the file on the disk and renames it.
        stream = createWriteStream('', { fd: temporary.fd, autoClose: false });
      }
    } catch (error) {
      if (temporary) await discardTemporary(temporary);
      const code = (error as NodeJS.ErrnoException).code;
      throw inputError('xlsx.cannotWriteResults', { why: code === 'ENOENT' ? msg('xlsx.noSuchFolder') : (error as Error).message }, name);
    }
    // Inline strings, not a shared table: the table would hold every distinct string in memory until the end.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false }) as unknown as WorkbookLike;
    const results = new XlsxResults(workbook, stream, temporary, target.kind === 'file' ? target.path : null, name, run);
    if (target.kind === 'stdout') {
      // A closed pipe (`| head`): what is left is dropped, so that the zip writer can finish.
      stdout!.on('error', (error: Error) => {
        results.failure ??= error;
        (stream as PassThrough).unpipe(stdout as Writable);
        (stream as PassThrough).resume();
      });
    }
    return results;
  }

  /** The write error that stopped the output, if any (EPIPE when a pipe reader such as `head` has gone). */
  get failed(): Error | null {
    return this.failure;
  }

  /** A result row. */
  okRow(row: number, id: string, result: RowResult): void {
    const values: Cell[] = [id, row, t('batchStatusOk', this.run.shape.lang)];
    for (const label of this.labels) values.push(label(result, 'eligible'));
    values.push(result.eligible.length, result.totalEstimateCNY);
    for (const label of this.labels) values.push(label(result, 'undetermined'));
    values.push(null);
    this.results.add(values);
  }

  /** A bad row: its row in the results, and a row per bad cell in the bad-rows sheet. */
  errorRow(row: number, id: string, errors: RowError[]): void {
    const { lang } = this.run.shape;
    const values: Cell[] = [id, row, t('batchStatusError', lang)];
    for (const _ of this.labels) values.push(null);
    values.push(null, null);
    for (const _ of this.labels) values.push(null);
    values.push(describeRowErrors(errors, lang));
    this.results.add(values);
    for (const error of errors) {
      if (this.badRows.length + 1 >= this.maxRows) {
        throw inputError('xlsx.tooManyBadCells', { max: (this.maxRows - 1).toLocaleString('en-US') }, this.name);
      }
      this.badRows.push([row, id, error.column, error.value, rowErrorMessage(error, lang), error.cell ?? null]);
    }
  }

  /**
   * Waits while the zip writer is behind, so that memory stays flat: exceljs hands a sheet's XML on without waiting
   * (its stream ignores backpressure), so the queue of XML waiting to be compressed is watched here, and the file's
   * own queue. Lets the writer run in any case.
   */
  async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const queued = this.resultsQueue();
    while (queued && queued() > QUEUE_BYTES && !this.failure) await new Promise<void>((resolve) => setTimeout(resolve, 1));
    const stream = this.stream as WriteStream;
    // Polled rather than awaited: standard output that fails (a closed pipe) would never say 'drain'.
    while (stream.writableNeedDrain && !this.failure) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }

  /**
   * The bytes of the results sheet's XML waiting for the compressor (in the stream exceljs's sheet pipes into, a
   * readable-stream PassThrough), or null where that stream is not found.
   */
  private resultsQueue(): (() => number) | null {
    type State = { length?: unknown };
    const pipes = (this.resultsSheet as unknown as { _stream?: { pipes?: unknown[] } })._stream?.pipes;
    const queue = pipes?.[0] as { _writableState?: State; _readableState?: State } | undefined;
    if (typeof queue?._writableState?.length !== 'number' || typeof queue._readableState?.length !== 'number') return null;
    return () => (queue._writableState!.length as number) + (queue._readableState!.length as number);
  }

  /** Writes the other sheets and the workbook's end; a file is put on the disk and given its final name. */
  async commit(): Promise<void> {
    const { shape, compiled, tally } = this.run;
    const lang = shape.lang;
    try {
      this.results.commit();
      const bad = new SheetWriter(this.workbook.addWorksheet(t('batchSheetBadRows', lang), { views: [{ state: 'frozen', ySplit: 1 }] }), badRowsColumns(shape), [], this.maxRows, msg('xlsx.whatBadRows'), this.name);
      for (const values of this.badRows) bad.add(values);
      bad.commit();
      this.writeSummary(this.workbook.addWorksheet(t('batchSheetSummary', lang)), compiled, tally);
      await this.workbook.commit();
      // Standard output's reader has gone (EPIPE): as for the text formats, not an error of the run.
      if (this.failure && this.stream instanceof PassThrough && (this.failure as NodeJS.ErrnoException).code === 'EPIPE') return;
      if (this.failure) throw this.failure;
      if (this.temporary) await commitTemporary(this.temporary, this.final!);
      // Standard output: done when the last bytes have left the pass-through for it (its 'finish' comes earlier).
      else if (this.stream instanceof PassThrough) await finished(this.stream);
    } catch (error) {
      await this.abort();
      throw inputError('xlsx.cannotWrite', { why: (error as Error).message }, this.name);
    }
  }

  private writeSummary(sheet: WorksheetLike, compiled: CompiledPolicy, tally: BatchTally): void {
    const { lang } = this.run.shape;
    const summary = tally.summary();
    const document = compiled.set.document;
    const header = [
      t('batchColMeasure', lang),
      t('batchColItem', lang),
      t('batchColItemTitle', lang),
      t('batchColApplicantsEligible', lang),
      t('batchColEstimateSum', lang),
      t('batchColUndeterminedCount', lang),
      t('batchColIneligible', lang),
    ];
    const writer = new SheetWriter(sheet, header, [4], this.maxRows, msg('xlsx.whatSummary'), this.name);
    for (const item of tally.perItem()) {
      writer.add([item.measure, item.id, item.title[lang], item.eligible, item.estimateCNY, item.undetermined, summary.rowsOk - item.eligible - item.undetermined]);
    }
    writer.add([]);
    const facts: [string, Cell][] = [
      [t('batchPolicy', lang), `${document.number} ${document.title[lang]}`],
      [t('batchAsOf', lang), this.run.asOf],
      [t('batchSummaryRows', lang), summary.rowsRead],
      [t('batchSummaryOk', lang), summary.rowsOk],
      [t('batchSummaryErrors', lang), summary.rowsError],
    ];
    for (const [label, value] of facts) writer.add([null, label, value]);
    writer.add([null, t('batchSummaryTotal', lang), null, null, summary.totalEstimateCNY]);
    writer.commit();
  }

  /** Drops a file that will not be completed. */
  async abort(): Promise<void> {
    if (this.stream instanceof PassThrough) this.stream.unpipe();
    else {
      // destroy() closes the stream's file, autoClose or not: wait for it, and do not close that descriptor again
      // (by then the number may be another file's).
      if (!this.stream.closed) {
        const closed = once(this.stream, 'close').catch(() => undefined);
        this.stream.destroy();
        await closed;
      }
      if (this.temporary) this.temporary.closed = true;
    }
    if (this.temporary) await discardTemporary(this.temporary);
  }
}
