/** Whether text is a date that exists, written YYYY-MM-DD: 2024-02-29 is, 2023-02-29 and 2024-02-30 are not. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
