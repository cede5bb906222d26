import type { Lang } from './format.js';

const MESSAGES = {
  eligible: { zh: '可享受', en: 'Eligible' },
  undetermined: { zh: '待确定', en: 'Undetermined' },
  ineligible: { zh: '不符合', en: 'Not eligible' },
  measure: { zh: '措施', en: 'Measure' },
  item: { zh: '项目', en: 'Item' },
  recipient: { zh: '领取方', en: 'Recipient' },
  amount: { zh: '标准/上限', en: 'Amount or cap' },
  estimate: { zh: '测算', en: 'Estimate' },
  total: { zh: '可测算金额合计', en: 'Total of computable estimates' },
  needs: { zh: '还需', en: 'needs' },
  needsParam: { zh: '用 --param 提供', en: 'supply --param' },
  why: { zh: '原因', en: 'why' },
  basis: { zh: '依据', en: 'Legal basis' },
  localRules: { zh: '依地方规定', en: 'depends on local rules' },
  supersededBy: { zh: '已由更高标准替代', en: 'replaced by the higher subsidy' },
  none: { zh: '无', en: 'none' },
  noneEligible: { zh: '暂无可享受的项目。', en: 'No item applies yet.' },
  asOf: { zh: '截至', en: 'as of' },
  hiddenIneligible: { zh: '项不符合的项目未列出（加 --all 查看原因）', en: 'items that do not apply are not shown (--all shows them and why)' },
  noItems: { zh: '（本措施无面向申请人的具体项目）', en: '(no applicant-facing item)' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function t(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}

const RECIPIENTS: Record<string, Record<Lang, string>> = {
  person: { zh: '个人', en: 'person' },
  employer: { zh: '用人单位', en: 'employer' },
  business: { zh: '经营主体', en: 'business' },
  'hr-agency': { zh: '引才机构/个人', en: 'HR agency' },
  district: { zh: '区县', en: 'district' },
  'training-base': { zh: '培训基地', en: 'training base' },
  'incubation-base': { zh: '孵化基地', en: 'incubation base' },
};

export function recipientLabel(recipient: string, lang: Lang): string {
  return RECIPIENTS[recipient]?.[lang] ?? recipient;
}
