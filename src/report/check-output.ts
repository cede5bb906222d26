import type { Label } from '../facts/facts.js';
import { renderCheckTable, type CheckReport, type CheckReportOptions } from './check-table.js';
import type { Lang } from './format.js';
import { renderJson } from './json.js';
import { buildSlip } from './slip.js';
import { renderSlipHtml } from './slip-html.js';
import { renderSlipMarkdown } from './slip-markdown.js';

import type { CheckFormat } from './check-formats.js';

export { CHECK_FORMATS, type CheckFormat } from './check-formats.js';

/** The slip is for the applicant at a Chongqing window: Chinese unless --lang says otherwise. */
export const SLIP_LANG: Lang = 'zh';

export interface CheckOutputOptions extends CheckReportOptions {
  /** The slip's language: --lang when given, else Chinese. */
  slipLang: Lang;
  /** The policy's local figures, to name the ones still needed by their labels. */
  params?: readonly { name: string; label: Label }[];
}

export function renderCheckOutput(report: CheckReport, format: CheckFormat, options: CheckOutputOptions): string {
  switch (format) {
    case 'table':
      return renderCheckTable(report, options);
    case 'json':
      return renderJson(report);
    case 'html':
    case 'markdown': {
      const slip = buildSlip(report, options.slipLang, { facts: options.facts, paramLabels: new Map(options.params?.map((param) => [param.name, param.label])) });
      return format === 'html' ? renderSlipHtml(slip) : renderSlipMarkdown(slip);
    }
  }
}
