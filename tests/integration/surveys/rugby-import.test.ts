/**
 * The rugby sevens survey set (../shared/data/surveys-rugby7s) imports through the contract into
 * a real SQLite file. Every expectation is worked out here from the raw CSV with a plain split
 * (the files have no quoted fields), independently of the importer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';

if (!HAS_SHARED_DATA) console.warn(`[rugby-import] skipped: ${SHARED_DATA_SKIP_REASON}`);

interface RawRow {
  line: number;
  cells: Record<string, string>;
}
function rawRows(text: string): RawRow[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const head = lines[0].trim().split(',');
  return lines.slice(1).map((l, i) => {
    const c = l.trim().split(',');
    return { line: i + 2, cells: Object.fromEntries(head.map((h, j) => [h, c[j]])) };
  });
}

describe.skipIf(!HAS_SHARED_DATA)('rugby sevens surveys import', () => {
  let t: TestCore;
  let rpeText: string;
  let wellText: string;
  beforeAll(() => {
    t = startTestCore();
    rpeText = readFileSync(sharedData('surveys-rugby7s', 'rpe.csv'), 'utf8');
    wellText = readFileSync(sharedData('surveys-rugby7s', 'wellness.csv'), 'utf8');
  });
  afterAll(() => t.close());

  it('rpe.csv: the guess is confirmed, rows are stored, mismatches flagged, players listed, and a re-import adds nothing', async () => {
    const preview = await t.call('surveys:previewImport', { fileName: 'rpe.csv', text: rpeText });
    expect(preview.rows).toBe(8860);
    expect(preview.guess).toMatchObject({ player: 'PlayerID', date: 'Date', rpe: 'RPE', duration: 'Duration', statedLoad: 'SessionLoad', wellness: null });
    const raw = rawRows(rpeText);
    const withRpe = raw.filter((r) => r.cells.RPE !== 'NA');
    const checked = withRpe.filter((r) => r.cells.Duration !== 'NA' && r.cells.SessionLoad !== 'NA');
    const disagree = checked.filter((r) => Number(r.cells.Duration) * Number(r.cells.RPE) !== Number(r.cells.SessionLoad));
    // MANIFEST: 7275 agree, 346 disagree; worked out here again.
    expect(checked.length - disagree.length).toBe(7275);
    expect(disagree.length).toBe(346);

    const res = await t.call('surveys:import', { fileName: 'rpe.csv', text: rpeText, mapping: preview.guess! });
    expect(res.answers).toEqual({ rpe: withRpe.length, wellness: 0 });
    expect(res.added).toBe(withRpe.length);
    expect(res.errors).toEqual([]);
    expect(res.empty.count).toBe(raw.length - withRpe.length); // Training = No rows: no RPE
    // The flagged rows are exactly the disagreeing ones, each with its reason in words.
    expect(res.flagged.map((f) => f.line)).toEqual(disagree.map((r) => r.line));
    for (const f of res.flagged) {
      const r = disagree.find((d) => d.line === f.line)!;
      const [rpe, dur, stated] = [Number(r.cells.RPE), Number(r.cells.Duration), Number(r.cells.SessionLoad)];
      expect(f.reason).toBe(`stated load ${stated} AU ≠ RPE ${rpe} × ${dur} min = ${rpe * dur} AU`);
    }
    // The two kinds of disagreement in this file (by hand from the rows): RPE 0 stated as about
    // half a unit per minute (a "rest" convention), and RPE 1 stated as 10 AU per minute (RPE 10 typed as 1?).
    const halfPerMin = disagree.filter((r) => r.cells.RPE === '0' && Math.abs(Number(r.cells.SessionLoad) / Number(r.cells.Duration) - 0.5) < 0.04);
    const tenPerMin = disagree.filter((r) => r.cells.RPE === '1' && Number(r.cells.SessionLoad) === 10 * Number(r.cells.Duration));
    expect([halfPerMin.length, tenPerMin.length]).toEqual([244, 102]);
    expect(halfPerMin.length + tenPerMin.length).toBe(disagree.length);

    // No roster player is called "1".."17": every player is listed for assignment, none dropped.
    const ids = [...new Set(withRpe.map((r) => r.cells.PlayerID))].sort((a, b) => +a - +b);
    expect(res.unmatched.map((u) => u.sourcePlayer)).toEqual(ids);
    expect(res.unmatched.reduce((s, u) => s + u.rows, 0)).toBe(withRpe.length);

    const again = await t.call('surveys:import', { fileName: 'rpe.csv', text: rpeText, mapping: preview.guess! });
    expect(again.added).toBe(0);
    expect(again.alreadyThere).toBe(withRpe.length);
    expect((await t.call('surveys:unmatched')).reduce((s, u) => s + u.answers, 0)).toBe(withRpe.length);
  });

  it('after assignment, each player-day sRPE is what the file\'s SessionLoad implies, except the flagged rows (RPE × minutes there)', async () => {
    const raw = rawRows(rpeText).filter((r) => r.cells.RPE !== 'NA' && r.cells.Duration !== 'NA');
    const players = new Map<string, string>();
    for (const u of await t.call('surveys:unmatched')) {
      const p = await t.call('players:create', { name: `Rugby ${u.sourcePlayer}` });
      players.set(u.sourcePlayer, p.id);
      const { assigned } = await t.call('surveys:assign', { sourcePlayer: u.sourcePlayer, playerId: p.id });
      expect(assigned).toBe(u.answers);
    }
    expect(await t.call('surveys:unmatched')).toEqual([]);
    let checkedDays = 0;
    let flaggedDays = 0;
    for (const [src, playerId] of players) {
      const mine = raw.filter((r) => r.cells.PlayerID === src);
      const expected = new Map<string, { implied: number; stated: number }>();
      for (const r of mine) {
        const [rpe, dur] = [Number(r.cells.RPE), Number(r.cells.Duration)];
        const stated = r.cells.SessionLoad === 'NA' ? rpe * dur : Number(r.cells.SessionLoad);
        const agrees = stated === rpe * dur;
        const e = expected.get(r.cells.Date) ?? { implied: 0, stated: 0 };
        e.implied += agrees ? stated : rpe * dur;
        e.stated += stated;
        expected.set(r.cells.Date, e);
      }
      const ov = await t.call('load:player', { playerId });
      const srpe = ov.load.series.find((s) => s.measure === 'srpe')!;
      const byDay = new Map(srpe.days.map((d) => [d.date, d.value]));
      for (const [date, e] of expected) {
        expect(byDay.get(date)).toBeCloseTo(e.implied, 6);
        checkedDays++;
        if (e.implied !== e.stated) flaggedDays++;
      }
      // A day of the range without a row is 0 (available by default), not NA.
      const rest = srpe.days.find((d) => !expected.has(d.date) && d.date <= [...expected.keys()].sort().at(-1)!);
      if (rest) expect(rest.value).toBe(0);
      // Load-mismatch flags reach the Player page.
      const mismatches = ov.flags.flatMap((f) => f.flags).filter((f) => f.kind === 'load-mismatch').length;
      expect(mismatches).toBe(raw.filter((r) => r.cells.PlayerID === src && r.cells.SessionLoad !== 'NA' && Number(r.cells.SessionLoad) !== Number(r.cells.RPE) * Number(r.cells.Duration)).length);
    }
    expect(checkedDays).toBeGreaterThan(2000);
    expect(flaggedDays).toBeGreaterThan(0);
  });

  it('wellness.csv: its 5 items on 1–7 are read as the file\'s own scale; totals equal its MonitoringScore; assigned players match by alias', async () => {
    const preview = await t.call('surveys:previewImport', { fileName: 'wellness.csv', text: wellText });
    expect(preview.guess?.player).toBe('PlayerID');
    expect(preview.guess?.wellness?.custom).toMatchObject({ min: 1, max: 7, better: 'high' });
    expect(Object.values(preview.guess!.wellness!.items).sort()).toEqual(['Desire', 'Fatigue', 'Irritability', 'SleepQuality', 'Soreness']);
    expect(preview.notes.join(' ')).toMatch(/not the team's scale/);
    const res = await t.call('surveys:import', { fileName: 'wellness.csv', text: wellText, mapping: preview.guess! });
    const raw = rawRows(wellText);
    expect(res.answers.wellness).toBe(raw.length);
    expect(res.errors).toEqual([]);
    // The rpe import's assignments carry over: nobody is unmatched.
    expect(res.unmatched).toEqual([]);
    const players = await t.call('players:list');
    const p13 = players.find((p) => p.name === 'Rugby 13')!;
    const ov = await t.call('load:player', { playerId: p13.id });
    const mine = raw.filter((r) => r.cells.PlayerID === '13');
    expect(ov.wellness.length).toBe(mine.length);
    for (const w of ov.wellness) {
      const r = mine.find((m) => m.cells.Date === w.date)!;
      expect(w.total).toBe(Number(r.cells.MonitoringScore));
    }
    const again = await t.call('surveys:import', { fileName: 'wellness.csv', text: wellText, mapping: preview.guess! });
    expect(again.added).toBe(0);
    // A player with answers is not deleted (their answers would be lost).
    await expect(t.call('players:delete', { id: p13.id })).rejects.toThrow(/Rugby 13 has \d+ survey answer\(s\) \(RPE, wellness\), so deleting would lose them\. Archive the player instead/);
    const info = await t.call('surveys:settings');
    expect(info.scales.filter((s) => !s.builtIn).map((s) => [s.id, s.version])).toEqual([['custom-wellness-scale', 1]]);
  });
});
