export const COMMANDER_MESSAGES = {
} as const;
