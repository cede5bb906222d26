// What the layers under the reporters put into sentences: the operator table's requirements (src/policy/operators.ts
// names these ids), a value refused and a profile's comments (facts), the questions asked (engine), a column not
// known (batch), a YAML file not parsed (util). Part of the one catalogue (./index.ts).
export const LAYER_MESSAGES = {
  // The operator table's words: the requirement after a fact and its value, and its opposite under a not.
  'op.mustBe': { zh: '须为“{value}”', en: 'must be {value}' },
  'op.mustNotBe': { zh: '不得为“{value}”', en: 'must not be {value}' },
  'op.oneOf': { zh: '须为以下之一：{values}', en: 'must be one of: {values}' },
  'op.noneOf': { zh: '不得为以下任一：{values}', en: 'must be none of: {values}' },
  'op.atLeast': { zh: '至少 {bound}', en: 'must be at least {bound}' },
  'op.moreThan': { zh: '须大于 {bound}', en: 'must be more than {bound}' },
  'op.atMost': { zh: '至多 {bound}', en: 'must be at most {bound}' },
  'op.lessThan': { zh: '须小于 {bound}', en: 'must be less than {bound}' },
  'op.between': { zh: '须在 {low} 至 {high} 之间', en: 'must be between {low} and {high}' },
  'op.outside': { zh: '须小于 {low} 或大于 {high}', en: 'must be less than {low} or more than {high}' },

  // A value a fact does not take (coerceFactValue), and what it does take, in a refusal and a question.
  'refusal.notAllowed': { zh: '“{raw}”不是允许的值；应为{allowed}', en: '{raw} is not allowed; expected {allowed}' },
  'refusal.numerals': { zh: '{allowed}，阿拉伯数字或中文数字均可', en: '{allowed}, in digits or Chinese numerals' },
  'refusal.ambiguous': { zh: '“{raw}”有歧义：可能是{choices}，请写明其一', en: '{raw} is ambiguous: it may mean {choices}; write one of them' },
  'refusal.choice': { zh: '{label}（{value}）', en: '{value} ({label})' },
  'refusal.or': { zh: '或', en: ' or ' },
  'refusal.boolean': { zh: '是或否', en: 'true or false' },
  'refusal.integerRange': { zh: '{min} 到 {max} 之间的整数', en: 'a whole number from {min} to {max}' },
  'refusal.numberRange': { zh: '{min} 到 {max} 之间的数', en: 'a number from {min} to {max}' },

  // The questions (src/engine/questionnaire.ts): a number refused, and the checklist of yes/no facts.
  'ask.refused': { zh: '“{text}”无效：应为{allowed}', en: '"{text}" is not allowed: expected {allowed}' },
  'ask.checklist': { zh: '以下哪些情况适用？（勾选所有适用的）', en: 'Which of these apply? (tick all that do)' },
  'ask.checklistHelp': { zh: '未勾选的视为“否”', en: 'unticked ones count as "no"' },

  // The comments of a profile that subsidy ask writes (src/facts/profile-writer.ts).
  'profile.written': { zh: '申请人事实，由 `subsidy ask` 于 {date} 写入。', en: 'Applicant facts written by `subsidy ask` on {date}.' },
  'profile.partial': { zh: '未完成：问答在此处被中断（{cause}），其余事实尚未询问。', en: 'Unfinished: the questions were interrupted here ({cause}); the other facts were not asked yet.' },
  'profile.use': { zh: '用法：subsidy check --profile 本文件', en: 'Use: subsidy check --profile THIS-FILE' },
  'profile.dontKnow': { zh: '回答“不知道”：{names}', en: 'Answered "don\'t know": {names}' },

  // A YAML file the yaml library could not parse at all: in English its own first line, in Chinese only that.
  'yaml.unparsable': { zh: '无法解析', en: '{detail}' },

  // Policy lint and batch headers.
  'lint.wholeNumberRange': { zh: '整数 {range}', en: 'whole numbers {range}' },
  'header.columnSuggest': { zh: '{header}（是否想写“{typo}”？）', en: '{header} (did you mean "{typo}"?)' },
} as const;
