import type { Lang } from './format.js';

export { t, type MessageId as MessageKey } from '../util/messages/index.js';

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
