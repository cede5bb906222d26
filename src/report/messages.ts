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

  explainStatus: { zh: '状态', en: 'Status' },
  conditions: { zh: '条件', en: 'Conditions' },
  legend: { zh: '✓ 满足  ✗ 不满足  ? 未知', en: '✓ held  ✗ failed  ? unknown' },
  allOf: { zh: '同时满足：', en: 'all of:' },
  anyOf: { zh: '满足其一：', en: 'any of:' },
  noneOf: { zh: '不得满足：', en: 'none of:' },
  requires: { zh: '要求', en: 'needs' },
  amountHeading: { zh: '金额', en: 'Amount' },
  leadUnits: { zh: '牵头单位', en: 'Lead' },
  responsibleUnits: { zh: '责任单位', en: 'Responsible' },
  readingNotes: { zh: '解读说明', en: 'Reading notes' },
  localRulesHeading: { zh: '地方规定', en: 'Local rules' },
  stillNeeded: { zh: '还需', en: 'Still needed' },
  heldButExcluded: { zh: '条件均满足，但：', en: 'The conditions hold, but:' },
  estimateArrow: { zh: '测算', en: 'estimate' },
  noWhatIfWhileUnknown: {
    zh: '在上述未知情况仍未知时，改变可改变的情况也无法使其符合条件。',
    en: 'No change to facts a person can change would make it apply while the unknown facts above stay unknown.',
  },
  whatIf: { zh: '差一点：以下改变可多得', en: 'What would change it' },
  whatIfTop: { zh: '（仅列前{n}项，共{total}项；加 --what-if 查看全部）', en: '(top {n} of {total}; --what-if shows all)' },
  noWhatIf: { zh: '没有可改变的情况能使其符合条件。', en: 'No change to facts a person can change would make it apply.' },
  replaces: { zh: '替代', en: 'replaces' },
  scenario: { zh: '假设', en: 'Scenario' },
  was: { zh: '原为', en: 'was' },
  gained: { zh: '新增', en: 'Gained' },
  lost: { zh: '失去', en: 'Lost' },
  totalChange: { zh: '合计变化', en: 'Total change' },
  unknownValue: { zh: '未知', en: 'unknown' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  dontKnow: { zh: '不知道', en: "Don't know" },
  showResults: { zh: '立即查看结果', en: 'Show results now' },
  numberKeys: { zh: '回车：不知道 · r：立即查看结果', en: "Enter: don't know · r: results now" },
  notSure: { zh: '未勾选的几项我不确定', en: "I'm not sure about the unticked ones" },
  oneValueOnly: { zh: '只能勾选一项：', en: 'Tick at most one of: ' },

  notInTotal: { zh: '不计入合计', en: 'not in the total' },
  excluded: { zh: '不计入', en: 'excluded' },
  paidToOther: { zh: '支付给{recipient}，不是申请人所得', en: 'paid to the {recipient}, not to the applicant' },
  loanNotGrant: { zh: '贷款额度，不是补贴', en: 'a loan ceiling, not a grant' },
  notInTotalPaidTo: { zh: '支付给{recipient}{n}项', en: 'paid to the {recipient}: {n}' },
  notInTotalLoans: { zh: '贷款{n}项', en: 'loans: {n}' },
  measureNumber: { zh: '第{n}条', en: 'measure {n}' },

  slipTitle: { zh: '政策享受指引单', en: 'Subsidy guidance slip' },
  slipPolicy: { zh: '政策文件', en: 'Policy' },
  slipDocument: { zh: '文号', en: 'Document' },
  slipDocumentTitle: { zh: '标题', en: 'Title' },
  slipIssued: { zh: '印发日期', en: 'Issued' },
  slipAsOf: { zh: '测算日期', en: 'As of' },
  slipFacts: { zh: '申请人提供的情况', en: 'Facts given' },
  slipAllNo: { zh: '以下各项为“否”', en: 'No to each of' },
  slipNoFacts: { zh: '（未提供）', en: '(none given)' },
  slipToConfirm: { zh: '尚需确认', en: 'Still to confirm' },
  slipLead: { zh: '牵头单位', en: 'Lead office' },
  slipNoUndetermined: { zh: '无待确定的项目。', en: 'No item is left undetermined.' },
  slipLocalFigure: { zh: '地方标准', en: 'local figure' },
  slipDisclaimer: {
    zh: '本单仅为政策指引，不是审批决定；能否享受及具体金额以主管部门审核为准。',
    en: 'This slip is guidance, not a decision: whether an item is granted, and how much, is decided by the responsible office.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function t(key: MessageKey, lang: Lang, values: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const RECIPIENTS: Record<string, Record<Lang, string>> = {
  person: { zh: '个人', en: 'person' },
  employer: { zh: '用人单位', en: 'employer' },
  business: { zh: '经营主体', en: 'business' },
  'hr-agency': { zh: '引才机构/个人', en: 'HR agency' },
  district: { zh: '区县', en: 'district' },
  'training-base': { zh: '培训基地', en: 'training base' },
  'incubation-base': { zh: '孵化基地', en: 'incubation base' },
  park: { zh: '产业园区', en: 'industrial park' },
};

export function recipientLabel(recipient: string, lang: Lang): string {
  return RECIPIENTS[recipient]?.[lang] ?? recipient;
}
