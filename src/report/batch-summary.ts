import type { BatchSummary } from '../batch/tally.js';
import type { ScanProgress } from '../batch/read-applicants.js';
import { colon, t } from '../util/messages/index.js';
import { yuan, type Lang } from './format.js';

const count = (value: number): string => value.toLocaleString('en-US');

/** The summary a batch prints on stderr: rows read, ok and in error, then applicants per item and the total. */
export function renderBatchSummary(summary: BatchSummary, lang: Lang): string {
  const lines = [t('batchSummary.rows', lang, { read: count(summary.rowsRead), ok: count(summary.rowsOk), errors: count(summary.rowsError) })];
  if (summary.items.length === 0) {
    lines.push(t('batchSummary.noneEligible', lang));
  } else {
    lines.push(t('batchSummary.perItem', lang));
    const idWidth = Math.max(...summary.items.map((item) => item.id.length));
    const counts = summary.items.map((item) => count(item.eligible));
    const countWidth = Math.max(...counts.map((text) => text.length));
    const sums = summary.items.map((item) => (item.estimateCNY > 0 ? yuan(item.estimateCNY, lang) : '—'));
    const sumWidth = Math.max(...sums.map((text) => text.length));
    summary.items.forEach((item, i) => {
      lines.push(`  ${item.id.padEnd(idWidth)}  ${counts[i]!.padStart(countWidth)}  ${sums[i]!.padStart(sumWidth)}  ${item.title[lang]}`);
    });
  }
  lines.push(`${t('total', lang)}${colon(lang)}${yuan(summary.totalEstimateCNY, lang)}`);
  return `${lines.join('\n')}\n`;
}

/** The progress line shown on a terminal: rows, rows per second and how much of the file is read. */
export function renderProgress(progress: ScanProgress, elapsedMs: number, lang: Lang): string {
  const rate = elapsedMs > 0 ? Math.round((progress.rows * 1000) / elapsedMs) : 0;
  const percent = progress.totalBytes ? ` · ${Math.min(100, Math.floor((progress.bytesRead * 100) / progress.totalBytes))}%` : '';
  return t('batchSummary.progress', lang, { rows: count(progress.rows), rate: count(rate), percent });
}
