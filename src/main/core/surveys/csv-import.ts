/**
 * Survey CSVs from other tools: a guess at which column holds what (the user confirms), then
 * the rows as answers. A row whose stated load disagrees with RPE × minutes is stored and
 * flagged; a player the roster does not know is stored unmatched and listed for assignment
 * (never dropped); a row that cannot be read is listed with its line and why. Each answer has a
 * key from its content, so importing the same file again adds nothing.
 */
import { createHash } from 'node:crypto';
import type { ImportMapping, ImportMappingInput, ImportPreview, ImportRowNote, ScaleItem, SurveyImportResult, SurveyScale } from '../../../shared/domain/survey.ts';
import type { ImportedAnswer } from '../db/surveys.repo.ts';
import { cellNumber, parseCsv } from './csv-text.ts';
import { RPE_SCALE, findScale, valueProblem } from './scales.ts';
import { loadMismatch } from './flags.ts';
import { isIsoDay } from './days.ts';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const findCol = (cols: string[], ...patterns: RegExp[]): string | null => {
  for (const p of patterns) {
    const c = cols.find((x) => p.test(norm(x)));
    if (c) return c;
  }
  return null;
};

/** Item words that name wellness questions in other tools' exports. */
const WELLNESS_WORDS: { re: RegExp; key: string }[] = [
  { re: /^(fatigue|tiredness|energy)/, key: 'fatigue' },
  { re: /^sleep(quality)?$|^sleepquality/, key: 'sleep' },
  { re: /sore/, key: 'soreness' },
  { re: /stress/, key: 'stress' },
  { re: /^mood/, key: 'mood' },
  { re: /irritab/, key: 'irritability' },
  { re: /desire|motivation/, key: 'desire' },
];

/** The app's guess at the mapping, with notes on what it is unsure of. */
export function guessMapping(text: string, fileName: string, teamScale: SurveyScale): ImportPreview {
  const { header, rows } = parseCsv(text);
  const notes: string[] = [];
  const cols = header;
  const player = findCol(cols, /^playerid$/, /^athleteid$/, /^player(name)?$/, /^athlete(name)?$/, /^name$/, /player|athlete/);
  const date = findCol(cols, /^date$/, /^day$/, /date/);
  const session = findCol(cols, /^session(id|name)?$/);
  const rpe = findCol(cols, /^s?rpe$/, /^rpe/, /^cr10/);
  const duration = findCol(cols, /^duration/, /^minutes$/, /^mins?$/, /^time(min)?$/);
  const statedLoad = findCol(cols, /^sessionload$/, /^srpe(load|au)?$/, /^load$/, /^trainingload$/);
  if (!player) notes.push('no column looks like the player: choose it');
  if (!date && !session) notes.push('no date or session column found: choose one');
  // Wellness items: columns named like wellness questions.
  const found: { col: string; key: string }[] = [];
  for (const c of cols) {
    const w = WELLNESS_WORDS.find((x) => x.re.test(norm(c)));
    if (w && !found.some((f) => f.key === w.key)) found.push({ col: c, key: w.key });
  }
  let wellness: ImportMappingInput['wellness'] = null;
  if (found.length > 0) {
    const values = found.flatMap((f) => rows.map((r) => cellNumber(r.cells[cols.indexOf(f.col)]))).filter((v): v is number => typeof v === 'number');
    const lo = values.length ? Math.min(...values) : 1;
    const hi = values.length ? Math.max(...values) : 5;
    const fits = found.every((f) => teamScale.items.some((it) => it.key === f.key)) && teamScale.items.every((it) => found.some((f) => f.key === it.key));
    const inRange = teamScale.items.every((it) => lo >= it.min && hi <= it.max);
    if (fits && inRange) {
      wellness = { scale: { id: teamScale.id, version: teamScale.version }, items: Object.fromEntries(found.map((f) => [f.key, f.col])) };
    } else {
      const min = Math.min(lo, 1);
      const max = Math.max(hi, min + 1);
      wellness = {
        custom: { name: `${fileName.replace(/\.[^.]+$/, '')} scale`, min, max, better: 'high' },
        items: Object.fromEntries(found.map((f) => [f.col, f.col])),
      };
      notes.push(
        `the wellness columns (${found.map((f) => f.col).join(', ')}) are not the team's scale (${teamScale.name})${inRange ? '' : `: values run ${lo}–${hi}`}; ` +
          `they are read as the file's own scale ${min}–${max}. Check which end is better (guessed: ${max} best)`,
      );
    }
  }
  const guess: ImportMappingInput | null = player && (date || session) && (rpe || wellness) ? { player, date, session, rpe, duration, statedLoad, wellness } : null;
  if (!rpe && !wellness) notes.push('no RPE or wellness column found: choose them');
  return { file: fileName, columns: cols, rows: rows.length, sample: rows.slice(0, 5).map((r) => r.cells), guess, notes };
}

/** The scale a custom mapping defines: the file's items on one range (a versioned record like any other). */
export function customScale(m: NonNullable<ImportMapping['wellness']>, existing: readonly SurveyScale[]): SurveyScale {
  const c = m.custom!;
  const slug = c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'wellness';
  const items: ScaleItem[] = Object.keys(m.items).map((label) => ({
    key: label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'item',
    label,
    short: label,
    min: c.min,
    max: c.max,
    step: 1,
    better: c.better,
    anchors: { [String(c.max)]: c.better === 'high' ? 'Best' : 'Worst', [String(c.min)]: c.better === 'high' ? 'Worst' : 'Best' },
  }));
  const n = items.length;
  const base = {
    kind: 'wellness' as const,
    name: c.name,
    source: 'Defined by the team at an import',
    prompt: 'How are you today?',
    items,
    total: { min: c.min * n, max: c.max * n, better: c.better },
    builtIn: false,
  };
  const id = `custom-${slug}`;
  const versions = existing.filter((s) => s.id === id);
  const match = versions.find((s) => sameShape(s, base));
  if (match) return match;
  return { id, version: versions.reduce((v, s) => Math.max(v, s.version), 0) + 1, ...base };
}

function sameShape(a: SurveyScale, b: Omit<SurveyScale, 'id' | 'version'>): boolean {
  return a.name === b.name && JSON.stringify(a.items) === JSON.stringify(b.items) && JSON.stringify(a.total) === JSON.stringify(b.total);
}

function parseDay(raw: string, fmt: ImportMapping['dateFormat']): string | null {
  const s = raw.trim().slice(0, 10);
  if (fmt === 'ymd') {
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
    if (!m) return null;
    const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return isIsoDay(d) ? d : null;
  }
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(raw.trim().split(/\s/)[0]);
  if (!m) return null;
  const [dd, mm] = fmt === 'dmy' ? [m[1], m[2]] : [m[2], m[1]];
  const d = `${m[3]}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
  return isIsoDay(d) ? d : null;
}

export interface ImportContext {
  /** Roster lookups. */
  playerById: (id: string) => string | null;
  playerByName: (name: string) => string | null;
  aliases: ReadonlyMap<string, string>;
  /** A session named (or with the id) in the file: its id and day. */
  sessionByRef: (ref: string) => { id: string; day: string } | null;
  /** Rows of this session's day (or without a date) go to it (the CLI's one session), when given. */
  fixedSession?: { id: string; day: string } | null;
  scales: readonly SurveyScale[];
  toleranceAu: number;
  source: 'import' | 'cli';
}

export interface PlannedImport {
  answers: ImportedAnswer[];
  result: Omit<SurveyImportResult, 'added' | 'alreadyThere'>;
  newScale: SurveyScale | null;
}

/** Reads the rows with the confirmed mapping: what would be stored, flagged, refused, unmatched. */
export function planImport(text: string, fileName: string, m: ImportMapping, ctx: ImportContext): PlannedImport {
  const { header, rows } = parseCsv(text);
  const col = (name: string | null, what: string): number => {
    if (name === null) return -1;
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${fileName}: no column "${name}" (chosen for ${what}); the columns are ${header.join(', ')}`);
    return i;
  };
  const cPlayer = col(m.player, 'the player');
  const cDate = col(m.date, 'the date');
  const cSession = col(m.session, 'the session');
  const cRpe = col(m.rpe, 'RPE');
  const cDur = col(m.duration, 'the duration');
  const cLoad = col(m.statedLoad, 'the stated load');
  let scale: SurveyScale | null = null;
  let newScale: SurveyScale | null = null;
  let itemCols: { item: ScaleItem; col: number }[] = [];
  if (m.wellness) {
    if (m.wellness.custom) {
      scale = customScale(m.wellness, ctx.scales.filter((s) => !s.builtIn));
      if (!ctx.scales.some((s) => s.id === scale!.id && s.version === scale!.version)) newScale = scale;
      itemCols = scale.items.map((it) => ({ item: it, col: col(m.wellness!.items[it.label], it.label) }));
    } else {
      const ref = m.wellness.scale!;
      scale = findScale(ref.id, ref.version, ctx.scales);
      if (!scale) throw new Error(`${fileName}: no wellness scale ${ref.id} version ${ref.version}`);
      itemCols = Object.entries(m.wellness.items).map(([key, c]) => {
        const item = scale!.items.find((it) => it.key === key);
        if (!item) throw new Error(`${fileName}: the scale ${scale!.name} has no item "${key}"`);
        return { item, col: col(c, item.label) };
      });
    }
  }
  const answers: ImportedAnswer[] = [];
  const flagged: ImportRowNote[] = [];
  const errors: ImportRowNote[] = [];
  const emptyLines: number[] = [];
  const unmatched = new Map<string, number>();
  const seen = new Map<string, number>();
  const counts = { rpe: 0, wellness: 0 };
  const key = (parts: unknown[]) => {
    const base = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return `${base}#${k}`;
  };
  for (const r of rows) {
    const cell = (i: number) => (i < 0 ? '' : (r.cells[i] ?? '').trim());
    const who = cell(cPlayer);
    const note = (reason: string, date = ''): ImportRowNote => ({ line: r.line, player: who, date, reason });
    if (!who) {
      errors.push(note('no player'));
      continue;
    }
    let sessionId: string | null = null;
    let day: string | null = null;
    if (ctx.fixedSession) {
      sessionId = ctx.fixedSession.id;
      day = ctx.fixedSession.day;
    }
    if (cSession >= 0 && cell(cSession) && !ctx.fixedSession) {
      const s = ctx.sessionByRef(cell(cSession));
      if (s) {
        sessionId = s.id;
        day = s.day;
      }
    }
    if (cDate >= 0 && !(ctx.fixedSession && cell(cDate) === '')) {
      const raw = cell(cDate);
      const d = parseDay(raw, m.dateFormat);
      if (!d) {
        errors.push(note(raw ? `"${raw}" is not a date (${m.dateFormat === 'ymd' ? 'YYYY-MM-DD' : m.dateFormat === 'dmy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'})` : 'no date'));
        continue;
      }
      // With a fixed session (the CLI's), rows of other days are the players' history (baselines, load).
      if (ctx.fixedSession && d !== ctx.fixedSession.day) sessionId = null;
      day = d;
    }
    if (!day) {
      errors.push(note(`no date, and "${cell(cSession)}" is not a session of the app`));
      continue;
    }
    const playerId =
      (m.playerBy !== 'name' ? ctx.playerById(who) : null) ?? (m.playerBy !== 'id' ? ctx.playerByName(who) : null) ?? ctx.aliases.get(who.toLowerCase()) ?? null;
    let any = false;
    let bad = false;
    // RPE
    const rpe = cellNumber(cell(cRpe));
    const dur = cellNumber(cell(cDur));
    const stated = cellNumber(cell(cLoad));
    if (rpe === 'bad' || dur === 'bad' || stated === 'bad') {
      const what = rpe === 'bad' ? `RPE "${cell(cRpe)}"` : dur === 'bad' ? `duration "${cell(cDur)}"` : `load "${cell(cLoad)}"`;
      errors.push(note(`${what} is not a number`, day));
      bad = true;
    } else if (rpe !== null) {
      const p = valueProblem(RPE_SCALE.items[0], rpe);
      if (p) {
        errors.push(note(`RPE ${rpe} is not on the CR-10 scale (0–10)`, day));
        bad = true;
      } else if (dur !== null && (dur < 0 || dur > 24 * 60)) {
        errors.push(note(`duration ${dur} min is not a session length`, day));
        bad = true;
      } else {
        any = true;
        counts.rpe++;
        answers.push({
          playerId,
          sourcePlayer: who,
          sessionId,
          date: day,
          kind: 'rpe',
          scaleId: RPE_SCALE.id,
          scaleVersion: RPE_SCALE.version,
          values: { rpe },
          durationMin: dur,
          statedLoad: stated,
          origin: `${fileName}:${r.line}`,
          importKey: key(['rpe', who.toLowerCase(), day, sessionId, rpe, dur, stated]),
          source: ctx.source,
        });
        if (dur !== null && stated !== null && loadMismatch(rpe, dur, stated, ctx.toleranceAu)) {
          flagged.push(note(`stated load ${stated} AU ≠ RPE ${rpe} × ${dur} min = ${rpe * dur} AU`, day));
        } else if (dur === null && stated !== null) {
          flagged.push(note(`stated load ${stated} AU cannot be checked: no duration`, day));
        }
      }
    }
    // Wellness
    if (scale && itemCols.length > 0) {
      const values: Record<string, number> = {};
      const problems: string[] = [];
      for (const { item, col: c } of itemCols) {
        const v = cellNumber(cell(c));
        if (v === 'bad') problems.push(`${item.label} "${cell(c)}" is not a number`);
        else if (v !== null) {
          const p = valueProblem(item, v);
          if (p) problems.push(p);
          else values[item.key] = v;
        }
      }
      if (problems.length > 0) {
        errors.push(note(`wellness not stored: ${problems.join('; ')}`, day));
        bad = true;
      } else if (Object.keys(values).length > 0) {
        any = true;
        counts.wellness++;
        answers.push({
          playerId,
          sourcePlayer: who,
          sessionId,
          date: day,
          kind: 'wellness',
          scaleId: scale.id,
          scaleVersion: scale.version,
          values,
          durationMin: null,
          statedLoad: null,
          origin: `${fileName}:${r.line}`,
          importKey: key(['wellness', scale.id, scale.version, who.toLowerCase(), day, sessionId, values]),
          source: ctx.source,
        });
      }
    }
    if (any && playerId === null) unmatched.set(who, (unmatched.get(who) ?? 0) + 1);
    if (!any && !bad) emptyLines.push(r.line);
  }
  return {
    answers,
    newScale,
    result: {
      file: fileName,
      rows: rows.length,
      answers: counts,
      flagged,
      errors,
      empty: { count: emptyLines.length, lines: emptyLines.slice(0, 50) },
      unmatched: [...unmatched].map(([sourcePlayer, n]) => ({ sourcePlayer, rows: n })).sort((a, b) => a.sourcePlayer.localeCompare(b.sourcePlayer, undefined, { numeric: true })),
      scale: scale ? { id: scale.id, version: scale.version } : null,
    },
  };
}
