import type { CheckResult } from '../engine/evaluate.js';
import { yuan, type Lang, type Style } from './format.js';
import { t } from './messages.js';

export interface AskStatus {
  asked: number;
  eligible: number;
  decided: number;
  open: number;
  totalEstimateCNY: number;
}

export function askStatusOf(result: CheckResult, asked: number): AskStatus {
  return {
    asked,
    eligible: result.eligible.length,
    decided: result.eligible.length + result.ineligible.length,
    open: result.undetermined.length,
    totalEstimateCNY: result.totalEstimateCNY,
  };
}

/**
 * The line shown after each answer, in the report's words: "3 asked · 5 eligible · 12 undetermined · computable
 * total ¥32,000" (已问 3 题 · 可享受 5 项 · 待确定 12 项 · 可测算金额合计 32,000元). Not dimmed: it is read at the window.
 */
export function renderAskStatus(status: AskStatus, lang: Lang, _style: Style): string {
  return t('askStatus', lang, { asked: status.asked, eligible: status.eligible, open: status.open, total: yuan(status.totalEstimateCNY, lang) });
}
