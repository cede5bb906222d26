import type { Lang } from './format.js';

import { MESSAGES, t, type MessageId } from '../util/messages/index.js';

export { t, type MessageId as MessageKey } from '../util/messages/index.js';

/** A recipient's name in words, from the catalogue (recipient.NAME); an unknown one as it is written. */
export function recipientLabel(recipient: string, lang: Lang): string {
  const id = `recipient.${recipient}`;
  return id in MESSAGES ? t(id as MessageId, lang) : recipient;
}
