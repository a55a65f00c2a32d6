/** A time's parts in the laptop's local time, zero-padded, for dated file and folder names. */
export interface LocalParts {
  /** 2026-12-07 */
  date: string;
  hh: string;
  mm: string;
  ss: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localParts(at: number): LocalParts {
  const d = new Date(at);
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, hh: pad(d.getHours()), mm: pad(d.getMinutes()), ss: pad(d.getSeconds()) };
}
