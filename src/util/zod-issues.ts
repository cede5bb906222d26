import type { z } from 'zod';
import { msg, MESSAGES, type Message, type MessageId, type Params } from './messages/index.js';

const TYPE_WORDS: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  object: '映射（键: 值）',
  array: '列表',
  record: '映射（键: 值）',
  date: '日期',
  null: '空值（null）',
  undefined: '无值',
};

const typeWord = (type: unknown) => TYPE_WORDS[String(type)] ?? String(type);

/** zod's own message for a check that names no message of ours, in Chinese from the issue's code and figures. */
function chinese(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${typeWord(issue.expected)}`;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return min === '1' ? '不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      return issue.inclusive ? `应不小于 ${min}` : `应大于 ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `至多 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至多 ${max} 项`;
      return issue.inclusive ? `应不大于 ${max}` : `应小于 ${max}`;
    }
    case 'invalid_value':
      return `须为以下之一：${issue.values.map((value) => JSON.stringify(value)).join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_union':
      return '不符合任何允许的形式';
    case 'invalid_key':
      return '键无效';
    case 'invalid_element':
      return '元素无效';
    default:
      return '无效';
  }
}

/**
 * One issue as a message: a message id our schemas gave (as `error`, or as a custom issue's message with its
 * params), else zod's own English text beside a Chinese one made from the issue's code.
 */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  // A bad key of a record (a fact name, a reading id): what its key schema says, not zod's "Invalid key in record".
  if (issue.code === 'invalid_key' && issue.issues[0]) return issueMessage(issue.issues[0]);
  if (issue.message in MESSAGES) {
    const limits: Params = issue.code === 'too_big' ? { max: String(issue.maximum) } : issue.code === 'too_small' ? { min: String(issue.minimum) } : {};
    return msg(issue.message as MessageId, { ...limits, ...(issue as { params?: Params }).params });
  }
  return msg('schema.issue', { detail: { zh: chinese(issue), en: issue.message } });
}

/** A zod error as one entry per offending key: an unknown key is reported at its own path. */
export function zodIssues(error: z.ZodError): { path: PropertyKey[]; message: Message }[] {
  return error.issues.flatMap((issue) => {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    const message = issue.code === 'unrecognized_keys' ? msg('schema.unknownKey') : issueMessage(issue);
    return paths.map((path) => ({ path, message }));
  });
}


