/** A small RFC 4180 CSV reader for survey exports (quotes, CRLF, a BOM, ',' ';' or tab). */

export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const count = (c: string) => headerLine.split(c).length - 1;
  const best = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

/** Rows of cells, each with the (1-based) line it starts on. Empty lines are skipped. */
export function parseCsv(text: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const d = detectDelimiter(firstLine);
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowHasData = false;
  const endRow = () => {
    cells.push(cell);
    if (rowHasData || cells.length > 1 || cell !== '') out.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    rowHasData = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      rowHasData = true;
    } else if (ch === d) {
      cells.push(cell);
      cell = '';
      rowHasData = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  const [head, ...rows] = out;
  return { header: (head?.cells ?? []).map((h) => h.trim()), rows };
}

/** A number from a cell: '' / NA / N/A / null / - are absent; a decimal comma is read. */
export function cellNumber(raw: string | undefined): number | null | 'bad' {
  const s = (raw ?? '').trim();
  if (s === '' || /^(na|n\/a|nan|null|none|-|\.)$/i.test(s)) return null;
  const n = Number(s.replace(/^(-?\d+),(\d+)$/, '$1.$2'));
  return Number.isFinite(n) ? n : 'bad';
}
