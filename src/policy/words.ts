// The policy language's words, without the schemas that check them: the engine needs these, not zod.

export const RECIPIENTS = [
  'person',
  'employer',
  'business',
  'hr-agency',
  'district',
  'training-base',
  'incubation-base',
  'park',
] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const AMOUNT_KINDS = ['fixed', 'up-to', 'range', 'rate', 'per-month', 'actual', 'local'] as const;
export const AMOUNT_UNITS = ['person', 'person-month', 'household', 'organisation', 'project', 'year'] as const;
