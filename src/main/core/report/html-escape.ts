/** What each of the five characters that could end HTML content or an attribute value becomes. */
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ANY = /[&<>"']/;
const ALL = /[&<>"']/g;

/**
 * Text for HTML content and attribute values: the five characters that could end either. Most
 * text has none of them and is returned as it is (the report escapes thousands of cells; the
 * escaping was ~8 ms of its render, most of it for strings with nothing to escape).
 */
export function esc(s: string): string {
  return ANY.test(s) ? s.replace(ALL, (c) => ENTITY[c]) : s;
}
