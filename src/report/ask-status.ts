import type { CheckResult } from '../engine/evaluate.js';
import { yuan, type Lang, type Style } from './format.js';

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

/** The line shown after each answer: "3 asked · 40 decided (5 eligible) · 12 open · estimates ¥32,000". */
export function renderAskStatus(status: AskStatus, lang: Lang, style: Style): string {
  const total = yuan(status.totalEstimateCNY, lang);
  const text =
    lang === 'zh'
      ? `已问 ${status.asked} 题 · 已确定 ${status.decided} 项（可享受 ${status.eligible} 项）· 待定 ${status.open} 项 · 测算合计 ${total}`
      : `${status.asked} asked · ${status.decided} decided (${status.eligible} eligible) · ${status.open} open · estimates ${total}`;
  return style.dim(text);
}
