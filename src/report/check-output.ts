import type { Label } from '../facts/facts.js';
import type { CheckReport, CheckReportOptions } from './check-table.js';
import type { Lang } from './format.js';

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

export type CheckRenderer = (report: CheckReport, options: CheckOutputOptions) => string;

/** The renderer of one format, with only its own modules loaded (a check prints one format). */
export async function checkRenderer(format: CheckFormat): Promise<CheckRenderer> {
  switch (format) {
    case 'table':
      return (await import('./check-table.js')).renderCheckTable;
    case 'json': {
      const { renderJson } = await import('./json.js');
      return (report) => renderJson(report);
    }
    case 'html':
    case 'markdown': {
      const [{ buildSlip }, { renderSlipHtml }, { renderSlipMarkdown }] = await Promise.all([import('./slip.js'), import('./slip-html.js'), import('./slip-markdown.js')]);
      return (report, options) => {
        const slip = buildSlip(report, options.slipLang, { facts: options.facts, paramLabels: new Map(options.params?.map((param) => [param.name, param.label])) });
        return format === 'html' ? renderSlipHtml(slip) : renderSlipMarkdown(slip);
      };
    }
  }
}
