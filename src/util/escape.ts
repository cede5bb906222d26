/**
 * Text from an input (a CSV header, a profile key, a cell, a file name) made safe to print on a terminal: control
 * characters (C0, DEL, C1) and the bidirectional overrides are shown as \u{…} escapes, so `\e[2J` cannot clear the
 * screen and a right-to-left override cannot disguise a name. Tab and ordinary text pass unchanged.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

/**
 * Text as XML or HTML element content or attribute value: the five markup characters as entities, and the
 * characters XML 1.0 cannot carry dropped.
 */
export function escapeMarkup(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
