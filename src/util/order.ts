/**
 * Item ids (m14-graduate-hiring-subsidy: lowercase ASCII letters, digits and hyphens) in order. For such text the
 * order of UTF-16 code units is the order localeCompare gives, without loading ICU's collation data, which costs a
 * `check` more than deciding every item.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
