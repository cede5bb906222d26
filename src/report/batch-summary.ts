import type { BatchSummary } from '../batch/tally.js';
import type { ScanProgress } from '../batch/read-applicants.js';
import { colon, t } from '../util/messages/index.js';
import { yuan, type Lang } from './format.js';
import { displayWidth, pad, wrapText } from './text-layout.js';

const count = (value: number): string => value.toLocaleString('en-US');

/**
 * The summary a batch prints on stderr: rows read, ok and in error, then applicants per item and the total. On a
 * terminal `width` wide, an item's title is broken to fit, its next lines under its first; elsewhere (a log file)
 * each item keeps one line.
 */
export function renderBatchSummary(summary: BatchSummary, lang: Lang, width?: number): string {
  const lines = [t('batchSummary.rows', lang, { read: count(summary.rowsRead), ok: count(summary.rowsOk), errors: count(summary.rowsError) })];
  if (summary.items.length === 0) {
    lines.push(t('batchSummary.noneEligible', lang));
  } else {
    lines.push(t('batchSummary.perItem', lang));
    const idWidth = Math.max(...summary.items.map((item) => item.id.length));
    const counts = summary.items.map((item) => count(item.eligible));
    const countWidth = Math.max(...counts.map((text) => text.length));
    const sums = summary.items.map((item) => (item.estimateCNY > 0 ? yuan(item.estimateCNY, lang) : '—'));
    // 元 takes two columns: the sums are padded by what the terminal shows.
    const sumWidth = Math.max(...sums.map((text) => displayWidth(text)));
    const lead = 2 + idWidth + 2 + countWidth + 2 + sumWidth + 2;
    // A title gets at least 16 columns, or it is left whole for the terminal to wrap.
    const fit = width !== undefined && width - lead >= 16;
    summary.items.forEach((item, i) => {
      const prefix = `  ${item.id.padEnd(idWidth)}  ${counts[i]!.padStart(countWidth)}  ${pad(sums[i]!, sumWidth, 'right')}  `;
      if (!fit) {
        lines.push(prefix + item.title[lang]);
        return;
      }
      // The first line's indent is the prefix (a word too long for its line may be moved left of the column).
      const [first, ...rest] = wrapText(item.title[lang], width, { indent: lead });
      lines.push(prefix + first!.trimStart(), ...rest);
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
