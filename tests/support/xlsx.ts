/**
 * Reads the first worksheet of an .xlsx (Office Open XML) into rows of cell values, for tests
 * that take facts from a spreadsheet shipped with real data (Catapult session details).
 * The zip container is opened with fflate, the sheet and shared strings parsed with fast-xml-parser.
 * Numbers stay numbers; shared and inline strings become strings; empty cells are null.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

type Cell = string | number | null;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (n) => ['row', 'c', 'si', 'r'].includes(n) });

function text(node: unknown): string {
  if (node == null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const o = node as Record<string, unknown>;
  if ('#text' in o) return String(o['#text']);
  if ('t' in o) return text(o.t);
  if (Array.isArray(o.r)) return o.r.map((r) => text((r as Record<string, unknown>).t)).join('');
  return '';
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsxRows(path: string): Cell[][] {
  const files = unzipSync(readFileSync(path));
  const shared: string[] = [];
  if (files['xl/sharedStrings.xml']) {
    const sst = parser.parse(strFromU8(files['xl/sharedStrings.xml'])).sst;
    for (const si of sst.si ?? []) shared.push(text(si));
  }
  const sheetName = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).sort()[0];
  const ws = parser.parse(strFromU8(files[sheetName])).worksheet;
  const rows: Cell[][] = [];
  for (const row of ws.sheetData.row ?? []) {
    const out: Cell[] = [];
    for (const c of row.c ?? []) {
      const i = columnIndex(c['@_r']);
      const t = c['@_t'];
      let v: Cell = null;
      if (t === 's') v = shared[Number(c.v)];
      else if (t === 'inlineStr') v = text(c.is);
      else if (t === 'str' || t === 'b') v = c.v == null ? null : String(c.v);
      else if (c.v != null) v = Number(c.v);
      out[i] = v;
    }
    rows.push(Array.from(out, (x) => x ?? null));
  }
  return rows;
}
