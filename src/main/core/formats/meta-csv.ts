/**
 * The session metadata file of the Player1 CSV layout: `device_id,player_name,position`, one row
 * per unit. Small, text, possibly hand-edited in a spreadsheet: quoted fields, CRLF and a BOM
 * are accepted; every problem names the file and line.
 */
import { FormatError } from './format-error.ts';
import { unsafeSegmentReason } from '../../../shared/security/path-segment.ts';

export interface MetaEntry {
  deviceId: string;
  playerName: string;
  position: string;
  /** Optional columns that tell two people of one name apart (null where absent or empty). */
  shirtNumber: number | null;
  /** ISO 'YYYY-MM-DD'. */
  birthDate: string | null;
  line: number;
}

/** Accepted headers of the optional columns (case-insensitive). */
const SHIRT_COLUMNS = ['shirt_number', 'shirt', 'number', 'squad_number', 'jersey'];
const BIRTH_COLUMNS = ['birth_date', 'date_of_birth', 'dob', 'birthdate'];

/**
 * Who a meta.csv row is: two rows of one name are one person (wearing both units) only when no
 * detail tells them apart; "Max Roberts, FB" and "Max Roberts, ST" are two people.
 */
export function personKey(e: Pick<MetaEntry, 'playerName' | 'position' | 'shirtNumber' | 'birthDate'>): string {
  return JSON.stringify([e.playerName.trim().toLowerCase(), e.position.trim().toLowerCase(), e.shirtNumber, e.birthDate]);
}

export const META_FILE_NAMES = ['meta.csv', 'player1data_session_metadata.csv'] as const;

/** RFC 4180 records: fields split on commas, double quotes escape, newlines inside quotes kept. */
export function parseCsvRecords(text: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') out.push({ fields, line: recordLine });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ fields, line: recordLine });
  }
  return out;
}

export function parseMetaCsv(text: string, file: string): MetaEntry[] {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  if (records.length === 0) throw new FormatError('META_EMPTY', file, 'the file is empty', { line: 1 });
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new FormatError('META_HEADER', file, `missing column '${name}' (the header has: ${header.join(', ')})`, { line: 1 });
    }
    return i;
  };
  const iDev = col('device_id');
  const iName = col('player_name');
  const iPos = header.indexOf('position');
  const iShirt = header.findIndex((h) => SHIRT_COLUMNS.includes(h));
  const iBirth = header.findIndex((h) => BIRTH_COLUMNS.includes(h));
  const seen = new Map<string, number>();
  const out: MetaEntry[] = [];
  for (const r of records.slice(1)) {
    const deviceId = (r.fields[iDev] ?? '').trim();
    const playerName = (r.fields[iName] ?? '').trim();
    const position = iPos >= 0 ? (r.fields[iPos] ?? '').trim() : '';
    if (!deviceId) throw new FormatError('META_VALUE', file, 'device_id is empty', { line: r.line });
    if (!/^[A-Za-z0-9._-]+$/.test(deviceId)) {
      throw new FormatError('META_VALUE', file, `device_id "${deviceId}" may use letters, digits, dot, dash and underscore only`, { line: r.line });
    }
    // It names the unit's folder beside meta.csv: ".." would make the import read ../gps.csv.
    const unsafe = unsafeSegmentReason(deviceId);
    if (unsafe) throw new FormatError('META_VALUE', file, `device_id "${deviceId}" cannot name a unit folder: ${unsafe}`, { line: r.line });
    if (!playerName) throw new FormatError('META_VALUE', file, `player_name is empty for ${deviceId}`, { line: r.line });
    const prev = seen.get(deviceId.toLowerCase());
    if (prev !== undefined) {
      throw new FormatError('META_DUPLICATE', file, `device_id ${deviceId} is listed twice (also on line ${prev})`, { line: r.line });
    }
    seen.set(deviceId.toLowerCase(), r.line);
    const shirtText = iShirt >= 0 ? (r.fields[iShirt] ?? '').trim().replace(/^#/, '') : '';
    if (shirtText && !/^\d{1,3}$/.test(shirtText)) {
      throw new FormatError('META_VALUE', file, `${header[iShirt]} "${shirtText}" for ${deviceId} is not a shirt number (0 to 999)`, { line: r.line });
    }
    const birthText = iBirth >= 0 ? (r.fields[iBirth] ?? '').trim() : '';
    if (birthText && !isIsoDate(birthText)) {
      throw new FormatError('META_VALUE', file, `${header[iBirth]} "${birthText}" for ${deviceId} is not a date as YYYY-MM-DD`, { line: r.line });
    }
    out.push({ deviceId, playerName, position, shirtNumber: shirtText ? Number(shirtText) : null, birthDate: birthText || null, line: r.line });
  }
  return out;
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * meta.csv as text: UTF-8, or, when its bytes are not UTF-8, Windows-1252 (what Excel writes on
 * Windows when told "CSV"), said in a warning so the names can be checked ("José", not "Jos�").
 */
export function decodeMetaCsv(bytes: Uint8Array, file: string, warnings: string[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    warnings.push(`${file} is not UTF-8: read as Windows-1252 (Excel's "CSV"); check the player names`);
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
