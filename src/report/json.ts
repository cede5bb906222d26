/** `--json` prints exactly the data object, stable key order, one trailing newline. */
export function renderJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
