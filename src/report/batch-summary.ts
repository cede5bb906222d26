import type { BatchSummary } from '../batch/tally.js';
import type { ScanProgress } from '../batch/read-applicants.js';
import { yuan, type Lang } from './format.js';

const count = (value: number): string => value.toLocaleString('en-US');

/** The summary a batch prints on stderr: rows read, ok and in error, then applicants per item and the total. */
export function renderBatchSummary(summary: BatchSummary, lang: Lang): string {
  const zh = lang === 'zh';
  const lines = [
    zh
      ? `共读取 ${count(summary.rowsRead)} 行：成功 ${count(summary.rowsOk)} 行，出错 ${count(summary.rowsError)} 行。`
      : `Rows read: ${count(summary.rowsRead)} (ok ${count(summary.rowsOk)}, errors ${count(summary.rowsError)}).`,
  ];
  if (summary.items.length === 0) {
    lines.push(zh ? '没有申请人符合任何项目。' : 'No applicant is eligible for any item.');
  } else {
    lines.push(zh ? '各项目符合条件的申请人数及测算金额：' : 'Eligible applicants per item, with the sum of their estimates:');
    const idWidth = Math.max(...summary.items.map((item) => item.id.length));
    const counts = summary.items.map((item) => count(item.eligible));
    const countWidth = Math.max(...counts.map((text) => text.length));
    const sums = summary.items.map((item) => (item.estimateCNY > 0 ? yuan(item.estimateCNY, lang) : '—'));
    const sumWidth = Math.max(...sums.map((text) => text.length));
    summary.items.forEach((item, i) => {
      lines.push(`  ${item.id.padEnd(idWidth)}  ${counts[i]!.padStart(countWidth)}  ${sums[i]!.padStart(sumWidth)}  ${item.title[lang]}`);
    });
  }
  lines.push(zh ? `可测算金额合计：${yuan(summary.totalEstimateCNY, lang)}` : `Total of computable estimates: ${yuan(summary.totalEstimateCNY, lang)}`);
  return `${lines.join('\n')}\n`;
}

/** The progress line shown on a terminal: rows, rows per second and how much of the file is read. */
export function renderProgress(progress: ScanProgress, elapsedMs: number, lang: Lang): string {
  const rate = elapsedMs > 0 ? Math.round((progress.rows * 1000) / elapsedMs) : 0;
  const percent = progress.totalBytes ? ` · ${Math.min(100, Math.floor((progress.bytesRead * 100) / progress.totalBytes))}%` : '';
  return lang === 'zh'
    ? `已处理 ${count(progress.rows)} 行 · ${count(rate)} 行/秒${percent}`
    : `${count(progress.rows)} rows · ${count(rate)} rows/s${percent}`;
}
