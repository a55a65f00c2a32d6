/**
 * XML for the GPX and TCX readers, through fast-xml-parser: validated first (so a broken file is
 * a FormatError with its line), namespace prefixes removed (gpxtpx:hr, ns3:hr and hr all read as
 * hr), values kept as text (each reader parses its numbers), entities not expanded (no DOCTYPE
 * entity expansion from untrusted files).
 */
import { xmlParser } from './lazy-deps.ts';
import { FormatError } from './format-error.ts';

export type XmlNode = Record<string, unknown>;

/**
 * A validation failure in the user's words: what is wrong, where, and what to do. The parser's own
 * text ("Invalid '[\"gpx\",\"trk\"]' found", "char 'A' is not expected") never reaches a person.
 * A file that ends inside an element (cut off by a full disk, an interrupted copy or download) is
 * told as cut off near its last line, naming the innermost element left open.
 */
export function xmlProblem(err: { code: string; msg: string; line: number }, text: string, kind: string): { line: number; detail: string } {
  let lastLine = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lastLine++;
  if (text.length > 0 && text.charCodeAt(text.length - 1) === 10) lastLine--;
  const again = 'Export it again from the watch or platform, or copy it again from the unit.';
  const open = /^Invalid '(\[[\s\S]*\])' found/.exec(err.msg);
  if (open) {
    let names: string[] = [];
    try {
      names = (JSON.parse(open[1]!) as unknown[]).map(String);
    } catch {
      names = [];
    }
    const inner = names[names.length - 1];
    const what = inner ? ` (a <${inner}> element is not closed${names.length > 1 ? `, nor ${names.length - 1} around it` : ''})` : '';
    return { line: lastLine, detail: `is not valid ${kind}: the file is cut off or damaged near line ${lastLine}${what}. ${again}` };
  }
  const line = Math.max(1, err.line);
  const why: Record<string, string> = {
    InvalidTag: 'an element is opened or closed out of order',
    InvalidAttr: 'an attribute of an element is broken',
    InvalidChar: 'a character appears where the XML does not allow it',
    InvalidXml: 'the XML structure is broken',
  };
  const reason = why[err.code] ?? 'the XML structure is broken';
  if (line >= lastLine) return { line: lastLine, detail: `is not valid ${kind}: the file is cut off or damaged near line ${lastLine} (${reason}). ${again}` };
  return { line, detail: `is not valid ${kind}: it is damaged at line ${line} (${reason}). ${again}` };
}

export function parseXml(bytes: Uint8Array, file: string, arrays: ReadonlySet<string>, kind = 'XML'): XmlNode {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const { XMLParser, XMLValidator } = xmlParser();
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const p = xmlProblem(valid.err, text, kind);
    throw new FormatError('XML_INVALID', file, p.detail, { line: p.line });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name: string) => arrays.has(name),
  });
  try {
    return parser.parse(text) as XmlNode;
  } catch (e) {
    const m = /line:?\s*(\d+)/i.exec((e as Error).message);
    const p = xmlProblem({ code: 'InvalidXml', msg: '', line: m ? Number(m[1]) : 1 }, text, kind);
    throw new FormatError('XML_INVALID', file, p.detail, { line: p.line });
  }
}

/** Child element(s) of a node: always an array (missing -> []). */
export function kids(node: unknown, name: string): XmlNode[] {
  if (node === null || typeof node !== 'object') return [];
  const v = (node as XmlNode)[name];
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : { '#text': x }));
  return [typeof v === 'object' ? (v as XmlNode) : { '#text': v }];
}

export function child(node: unknown, name: string): XmlNode | null {
  return kids(node, name)[0] ?? null;
}

/** Text of a child element or attribute ('@_lat'), trimmed; null when absent. */
export function text(node: unknown, name: string): string | null {
  if (node === null || typeof node !== 'object') return null;
  let v = (node as XmlNode)[name];
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') v = (v as XmlNode)['#text'];
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** A number from text, NaN when absent or not a number. */
export function num(s: string | null): number {
  if (s === null) return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

/** First descendant (depth-first, bounded) whose local name is in `names`, as text. */
export function findText(node: unknown, names: readonly string[], depth = 4): string | null {
  if (node === null || typeof node !== 'object' || depth < 0) return null;
  for (const n of names) {
    const t = text(node, n);
    if (t !== null) return t;
  }
  for (const [k, v] of Object.entries(node as XmlNode)) {
    if (k.startsWith('@_') || k === '#text') continue;
    const list = Array.isArray(v) ? v : [v];
    for (const x of list) {
      const t = findText(x, names, depth - 1);
      if (t !== null) return t;
    }
  }
  return null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO 8601 date-time -> UTC ms. GPX and TCX times are UTC; a time without a zone designator is
 * read as UTC and reported through `noZone`. Returns NaN when it is not a date-time.
 */
export function isoToMs(s: string | null, noZone: () => void): number {
  if (s === null) return NaN;
  const m = ISO.exec(s.trim());
  if (!m) return NaN;
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + Math.round(frac * 1000) / 1000;
  const z = m[8];
  if (!z) noZone();
  else if (z !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    const hh = Number(z.slice(1, 3));
    const mm = Number(z.slice(-2));
    t -= sign * (hh * 60 + mm) * 60_000;
  }
  return t;
}

/** 1-based line of the n-th (0-based) opening tag `<name` or `<prefix:name` in the file, for messages. */
export function lineOfTag(bytes: Uint8Array, name: string, n: number): number | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const re = new RegExp(`<(?:[A-Za-z0-9_.-]+:)?${name}[\\s>/]`, 'g');
  let k = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (k === n) {
      let line = 1;
      for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
      return line;
    }
    k++;
  }
  return undefined;
}
