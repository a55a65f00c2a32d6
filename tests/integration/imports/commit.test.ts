/**
 * imports:commit on a real SQLite file and raw store: files land under their sha256 with their
 * exact bytes; unknown units are created with the chosen player as usual wearer; the format and
 * the read options are stored with each link, and processing decodes with them; a re-import of
 * identical bytes changes nothing; a refused commit changes nothing either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFinding, ScanResult } from '../../../src/shared/api/imports.contract.ts';
import { runPlayerTask } from '../../../src/main/core/jobs/player-task.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import type { Participant } from '../../../src/shared/domain/session.ts';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';
import { P1_T0, writeP1 } from '../../support/p1-file.ts';
import { rolledBack1024Weeks } from '../../support/format-text.ts';

const T0 = P1_T0;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function decodeAsProcessing(p: Participant, window: { startMs: number; endMs: number }) {
  return runPlayerTask({ sessionId: 's', playerId: p.playerId, deviceId: p.deviceId, files: p.files, window, periods: [], settings: EngineSettingsSchema.parse({}) });
}

describe('imports:commit', () => {
  let t: TestCore;
  let dir: string;
  let sessionId: string;
  let scan: ScanResult;
  let coachId: string;
  const NOW = T0 + 3600_000;

  beforeAll(async () => {
    t = startTestCore({ clock: () => NOW });
    dir = makeTempDir();
    mkdirSync(join(dir, 'kit'));
    writeP1(join(dir, 'kit', 'a.p1'), 'P1-0001');
    writeP1(join(dir, 'kit', 'b.p1'), 'P1-0002', T0 + 1000);
    writeP1(join(dir, 'kit', 'c.p1'), 'P1-0003', T0 + 2000);
    coachId = (await t.call('players:create', { name: 'Known Player', position: 'CM' })).id;
    sessionId = (await t.call('sessions:create', { name: 'commit', startMs: T0, endMs: T0 + 10_000 })).id;
    scan = await t.call('imports:scan', { sessionId, paths: [join(dir, 'kit')] });
  });
  afterAll(() => t.close());
  const f = (name: string): FileFinding => scan.files.find((x) => x.sourceName === `kit/${name}`)!;

  it('refuses, and changes nothing, when a unit gets two players (a player may wear two units: multi-unit.test.ts)', async () => {
    const twoPlayers = await t.raw('imports:commit', {
      sessionId,
      scanId: scan.scanId,
      files: [
        { fileId: f('a.p1').fileId, deviceId: 'P1-0001', player: { playerId: coachId } },
        { fileId: f('b.p1').fileId, deviceId: 'P1-0001', player: { newPlayer: { name: 'Other' } } },
      ],
    });
    expect(twoPlayers).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('units:list')).toEqual([]);
    expect((await t.call('sessions:get', { id: sessionId })).participants).toEqual([]);
    const changed = await t.raw('imports:commit', { sessionId, scanId: '00000000-0000-4000-8000-000000000000', files: [{ fileId: 'f1', deviceId: 'X', player: { playerId: coachId } }] });
    expect(changed).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stores each file under its sha256 with its exact bytes, creates the unknown units and the new player, links format and options', async () => {
    const r = await t.call('imports:commit', {
      sessionId,
      scanId: scan.scanId,
      files: [
        { fileId: f('a.p1').fileId, deviceId: 'P1-0001', player: { playerId: coachId } },
        { fileId: f('b.p1').fileId, deviceId: 'P1-0002', player: { newPlayer: { name: 'New Player', position: 'FW' } } },
      ],
    });
    expect(r.files.map((x) => [x.sourceName, x.outcome, x.playerName])).toEqual([
      ['kit/a.p1', 'imported', 'Known Player'],
      ['kit/b.p1', 'imported', 'New Player'],
    ]);
    expect(r.createdUnits).toEqual(['P1-0001', 'P1-0002']);
    expect(r.createdPlayers).toEqual(['New Player']);
    for (const name of ['a.p1', 'b.p1']) {
      const digest = sha(join(dir, 'kit', name));
      const stored = join(t.dataDir, 'raw', digest.slice(0, 2), digest);
      expect(readFileSync(stored)).toEqual(readFileSync(join(dir, 'kit', name)));
      expect(r.files.find((x) => x.sourceName === `kit/${name}`)?.sha256).toBe(digest);
    }
    // The unknown units are in the roster, each with the chosen player as usual wearer.
    const units = await t.call('units:list');
    const players = await t.call('players:list');
    const newId = players.find((p) => p.name === 'New Player')!.id;
    expect(units.map((u) => [u.deviceId, u.defaultPlayerId])).toEqual([
      ['P1-0001', coachId],
      ['P1-0002', newId],
    ]);
    const s = await t.call('sessions:get', { id: sessionId });
    expect(s.participants.map((p) => [p.playerName, p.deviceId, p.files.map((x) => [x.format, x.options])])).toEqual([
      ['Known Player', 'P1-0001', [['p1', { referenceMs: NOW }]]],
      ['New Player', 'P1-0002', [['p1', { referenceMs: NOW }]]],
    ]);
    const row = t.core.ctx.db.prepare('SELECT read_options_json FROM session_files WHERE source_name = ?').get('kit/a.p1') as { read_options_json: string };
    expect(JSON.parse(row.read_options_json)).toEqual({ referenceMs: NOW });
  });

  it('a re-import of identical bytes is a no-op: same rows, same stored files, no new roster entries', async () => {
    const before = t.core.ctx.db.prepare('SELECT * FROM session_files ORDER BY source_name').all();
    const digest = sha(join(dir, 'kit', 'a.p1'));
    const stored = join(t.dataDir, 'raw', digest.slice(0, 2), digest);
    const mtime = statSync(stored).mtimeMs;
    const again = await t.call('imports:scan', { sessionId, paths: [join(dir, 'kit')] });
    const a = again.files.find((x) => x.sourceName === 'kit/a.p1')!;
    expect(a.alreadyImported).toEqual({ deviceId: 'P1-0001', sourceName: 'kit/a.p1' });
    expect(a.suggestion).toMatchObject({ kind: 'player', playerId: coachId, why: 'session' });
    const b = again.files.find((x) => x.sourceName === 'kit/b.p1')!;
    const r = await t.call('imports:commit', {
      sessionId,
      scanId: again.scanId,
      files: [
        { fileId: a.fileId, deviceId: 'P1-0001', player: { playerId: coachId } },
        { fileId: b.fileId, deviceId: 'P1-0002', player: { playerId: (b.suggestion as { playerId: string }).playerId } },
      ],
    });
    expect(r.files.map((x) => x.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(r.createdUnits).toEqual([]);
    expect(r.createdPlayers).toEqual([]);
    expect(t.core.ctx.db.prepare('SELECT * FROM session_files ORDER BY source_name').all()).toEqual(before);
    expect(statSync(stored).mtimeMs).toBe(mtime);
    expect(await t.call('players:list')).toHaveLength(2);
  });

  it('a file changed since the scan is refused, and an unreadable one cannot be imported', async () => {
    const s2 = (await t.call('sessions:create', { name: 'changed', startMs: T0, endMs: T0 + 10_000 })).id;
    const path = join(dir, 'kit', 'c.p1');
    const sc = await t.call('imports:scan', { sessionId: s2, paths: [path] });
    writeP1(path, 'P1-0003', T0 + 5000);
    const r = await t.raw('imports:commit', { sessionId: s2, scanId: sc.scanId, files: [{ fileId: sc.files[0].fileId, deviceId: 'P1-0003', player: { newPlayer: { name: 'Late' } } }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('changed since it was scanned') } });
    expect((await t.call('units:list')).map((u) => u.deviceId)).not.toContain('P1-0003');

    writeFileSync(join(dir, 'junk.fit'), Uint8Array.of(14, 16, 0, 0, 9, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0, 1, 2, 3));
    const sj = await t.call('imports:scan', { sessionId: s2, paths: [join(dir, 'junk.fit')] });
    expect(sj.files[0].error).not.toBeNull();
    const rj = await t.raw('imports:commit', { sessionId: s2, scanId: sj.scanId, files: [{ fileId: sj.files[0].fileId, deviceId: 'JUNK', player: { newPlayer: { name: 'J' } } }] });
    expect(rj).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('junk.fit cannot be imported') } });
  });

  it('eight files, the fifth changed since the scan: refused by name, nothing linked, nothing half-written in the store, the other seven importable', async () => {
    const s3 = (await t.call('sessions:create', { name: 'eight', startMs: T0, endMs: T0 + 10_000 })).id;
    const squad = join(dir, 'squad');
    mkdirSync(squad);
    const ids = Array.from({ length: 8 }, (_, i) => `P1-01${String(i).padStart(2, '0')}`);
    ids.forEach((id, i) => writeP1(join(squad, `${id}.p1`), id, T0 + 100 * i));
    const sc = await t.call('imports:scan', { sessionId: s3, paths: [squad] });
    expect(sc.files).toHaveLength(8);
    // The fifth file changes after the scan (a unit still writing, a file replaced).
    writeP1(join(squad, `${ids[4]}.p1`), ids[4], T0 + 7777);
    const files = ids.map((id) => ({ fileId: sc.files.find((x) => x.sourceName === `squad/${id}.p1`)!.fileId, deviceId: id, player: { newPlayer: { name: `Player ${id}` } } }));
    const r = await t.raw('imports:commit', { sessionId: s3, scanId: sc.scanId, files });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`squad/${ids[4]}.p1 changed since it was scanned`) } });
    // Nothing in the database: no participant, no unit, no player.
    expect((await t.call('sessions:get', { id: s3 })).participants).toEqual([]);
    const units = (await t.call('units:list')).map((u) => u.deviceId);
    for (const id of ids) expect(units).not.toContain(id);
    // The store: every file there holds exactly the bytes its name (their sha256) says, and no temp file is left.
    const store = join(t.dataDir, 'raw');
    const entries = readdirSync(store, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries.filter((e) => e.parentPath.includes('.tmp'))).toEqual([]);
    for (const e of entries) expect(sha(join(e.parentPath, e.name))).toBe(e.name.slice(0, 64));
    // The unchanged files scanned with it can still be imported once the changed one is left out.
    const ok = await t.call('imports:commit', { sessionId: s3, scanId: sc.scanId, files: files.filter((_, i) => i !== 4) });
    expect(ok.files.map((x) => x.outcome)).toEqual(Array(7).fill('imported'));
    for (const [i, id] of ids.entries()) {
      if (i === 4) continue;
      expect(existsSync(join(store, sha(join(squad, `${id}.p1`)).slice(0, 2), sha(join(squad, `${id}.p1`))))).toBe(true);
    }
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`commit keeps the read options, and processing reads with them${HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`}`, () => {
  it('NMEA: the import time repairs a 10-bit week rollover, at import and when processing', async () => {
    // What a receiver that lost the 2019 rollover prints: the gp-320fw log dated 1024 weeks early.
    const raw = readFileSync(sharedData('nmea-gpsd', 'gp-320fw-2019-04-06-overflow.log'), 'latin1');
    const rolled = rolledBack1024Weeks(raw);
    const dir = makeTempDir();
    writeFileSync(join(dir, 'logger.nmea'), rolled);
    const importedAt = Date.UTC(2019, 3, 8);
    const t = startTestCore({ clock: () => importedAt });
    try {
      const window = { startMs: Date.UTC(2019, 3, 6, 23, 50), endMs: Date.UTC(2019, 3, 7, 0, 10) };
      const s = await t.call('sessions:create', { name: 'rollover', ...window });
      const sc = await t.call('imports:scan', { sessionId: s.id, paths: [join(dir, 'logger.nmea')] });
      const f = sc.files[0];
      expect(new Date(f.firstMs!).toISOString().slice(0, 10)).toBe('2019-04-06');
      expect(f.problems.map((p) => p.code)).toContain('GPS_WEEK_ROLLOVER');
      await t.call('imports:commit', { sessionId: s.id, scanId: sc.scanId, files: [{ fileId: f.fileId, deviceId: 'LOGGER-1', player: { newPlayer: { name: 'Logger' } } }] });
      const p = (await t.call('sessions:get', { id: s.id })).participants[0];
      expect(p.files[0].options).toEqual({ referenceMs: importedAt });
      const decoded = decodeAsProcessing(p, window);
      expect(decoded.ok && decoded.firstMs).toBe(f.firstMs);
      // Through the pool: every fix lands in the 2019 window, none in 1999.
      await t.call('jobs:start', { sessionId: s.id });
      await t.core.jobs.whenIdle(s.id);
      const res = await t.call('results:list', { sessionId: s.id });
      expect(res.players[0].quality?.gnss?.fixes).toBe(f.streams.gnss!.samples);
    } finally {
      await t.close();
    }
  });

  it('Catapult raw: the time zone chosen for a local-clock unit is stored and used by processing', async () => {
    const t = startTestCore();
    try {
      const window = { startMs: Date.UTC(2021, 10, 19, 16), endMs: Date.UTC(2021, 10, 19, 17, 30) };
      const s = await t.call('sessions:create', { name: 'catapult', ...window });
      const sc = await t.call('imports:scan', { sessionId: s.id, paths: [sharedData('catapult-10hz-ssg', 'U18_ID1.csv')] });
      const first = sc.files[0];
      expect(first.localClock).toBe(true);
      expect(first.options.timeZone).toBeUndefined();
      expect(first.problems.map((p) => p.code)).toContain('LOCAL_TIME_AS_UTC');
      const f = await t.call('imports:rescan', { scanId: sc.scanId, fileId: first.fileId, timeZone: 'Europe/Madrid' });
      expect(f.firstMs).toBe(first.firstMs! - 3600_000);
      expect(f.options.timeZone).toBe('Europe/Madrid');
      await t.call('imports:commit', { sessionId: s.id, scanId: sc.scanId, files: [{ fileId: f.fileId, deviceId: 'U18_ID1', player: { newPlayer: { name: 'ID1' } } }] });
      const p = (await t.call('sessions:get', { id: s.id })).participants[0];
      expect(p.files[0]).toMatchObject({ format: 'catapult-raw-csv', options: { timeZone: 'Europe/Madrid', referenceMs: sc.referenceMs } });
      const decoded = decodeAsProcessing(p, window);
      expect(decoded.ok && decoded.firstMs).toBe(f.firstMs);
    } finally {
      await t.close();
    }
  });

  it('FIT: a damaged file imports only once the user accepted it, and processing reads it the same way', async () => {
    const t = startTestCore();
    try {
      const s = await t.call('sessions:create', { name: 'fit', startMs: T0, endMs: T0 + 60_000 });
      const sc = await t.call('imports:scan', { sessionId: s.id, paths: [sharedData('fit-fitparse', 'activity-filecrc.fit'), sharedData('tcx-tcxparser', 'test.tcx')] });
      const bad = sc.files.find((x) => x.format?.id === 'fit')!;
      const tcx = sc.files.find((x) => x.format?.id === 'tcx')!;
      expect(bad.error?.code).toBe('FIT_CRC');
      // Not for a file that is not a damaged FIT.
      expect(await t.raw('imports:rescan', { scanId: sc.scanId, fileId: tcx.fileId, ignoreChecksums: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const accepted = await t.call('imports:rescan', { scanId: sc.scanId, fileId: bad.fileId, ignoreChecksums: true });
      expect(accepted.error).toBeNull();
      expect(accepted.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'FIT_CRC', offset: bad.error!.offset }));
      await t.call('imports:commit', { sessionId: s.id, scanId: sc.scanId, files: [{ fileId: bad.fileId, deviceId: accepted.unitId!, player: { newPlayer: { name: 'Watch' } } }] });
      const p = (await t.call('sessions:get', { id: s.id })).participants[0];
      expect(p.files[0].options).toMatchObject({ ignoreChecksums: true });
      expect(decodeAsProcessing(p, { startMs: T0, endMs: T0 + 60_000 }).ok).toBe(true);
      // The same stored file without the option is what processing refused before this import.
      const strict = decodeAsProcessing({ ...p, files: p.files.map((x) => ({ ...x, options: null })) }, { startMs: T0, endMs: T0 + 60_000 });
      expect(strict.ok ? null : strict.error.code).toBe('FIT_CRC');
    } finally {
      await t.close();
    }
  });
});

describe('imports:commit racing a roster change', () => {
  it('a chosen player deleted while the files are copied: NOT_FOUND by name, nothing linked', async () => {
    const t = startTestCore({ clock: () => T0 + 3600_000 });
    try {
      const dir = makeTempDir();
      writeP1(join(dir, 'd.p1'), 'P1-0009');
      const lonely = await t.call('players:create', { name: 'Lonely', position: 'CB' });
      const sessionId = (await t.call('sessions:create', { name: 'race', startMs: T0, endMs: T0 + 10_000 })).id;
      const scan = await t.call('imports:scan', { sessionId, paths: [join(dir, 'd.p1')] });
      // The commit checks the player, then copies the file (it waits on the disk); the delete lands then.
      const commit = t.raw('imports:commit', { sessionId, scanId: scan.scanId, files: [{ fileId: scan.files[0].fileId, deviceId: 'P1-0009', player: { playerId: lonely.id } }] });
      const deleted = await t.raw('players:delete', { id: lonely.id });
      expect(deleted.ok).toBe(true);
      expect(await commit).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'the player chosen for unit P1-0009 was deleted while the files were being imported: choose another and import again' },
      });
      expect((await t.call('sessions:get', { id: sessionId })).participants).toEqual([]);
      expect(await t.call('units:list')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('imports:commit, the same bytes twice', () => {
  let t: TestCore;
  let dir: string;
  let sessionId: string;
  let scan: ScanResult;
  const fileId = (name: string) => scan.files.find((x) => x.sourceName === `kit/${name}`)!.fileId;
  const players = async () => (await t.call('players:list')).map((p) => p.name).sort();

  beforeAll(async () => {
    t = startTestCore({ clock: () => T0 + 3600_000 });
    dir = makeTempDir();
    mkdirSync(join(dir, 'kit'));
    writeP1(join(dir, 'kit', 'a.p1'), 'P1-0001');
    writeP1(join(dir, 'kit', 'b.p1'), 'P1-0002', T0 + 1000);
    writeFileSync(join(dir, 'kit', 'b-copy.p1'), readFileSync(join(dir, 'kit', 'b.p1')));
    sessionId = (await t.call('sessions:create', { name: 'twice', startMs: T0, endMs: T0 + 10_000 })).id;
    scan = await t.call('imports:scan', { sessionId, paths: [join(dir, 'kit')] });
  });
  afterAll(() => t.close());

  it('Import clicked twice (one after the other, and at once) with a new player: one player, one link', async () => {
    const commit = () => t.raw('imports:commit', { sessionId, scanId: scan.scanId, files: [{ fileId: fileId('a.p1'), deviceId: 'P1-0001', player: { newPlayer: { name: 'Ann' } } }] });
    const [x, y] = await Promise.all([commit(), commit()]);
    const z = await commit();
    expect([x, y, z].every((r) => r.ok)).toBe(true);
    const outcomes = [x, y, z].map((r) => (r.ok ? (r.value as { files: { outcome: string }[] }).files[0].outcome : null));
    expect(outcomes.filter((o) => o === 'imported')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(2);
    expect([x, y, z].map((r) => (r.ok ? (r.value as { createdPlayers: string[] }).createdPlayers : null)).flat()).toEqual(['Ann']);
    expect(await players()).toEqual(['Ann']);
    const s = await t.call('sessions:get', { id: sessionId });
    expect(s.participants.map((p) => [p.playerName, p.deviceId, p.files.length])).toEqual([['Ann', 'P1-0001', 1]]);
  });

  it('bytes imported already, offered again for another unit and a new player: nothing changes, and it says where they are', async () => {
    const r = await t.call('imports:commit', { sessionId, scanId: scan.scanId, files: [{ fileId: fileId('a.p1'), deviceId: 'P1-9999', player: { newPlayer: { name: 'Bob' } } }] });
    expect(r.files).toEqual([expect.objectContaining({ sourceName: 'kit/a.p1', deviceId: 'P1-0001', playerName: 'Ann', outcome: 'unchanged' })]);
    expect(r.warnings).toEqual(['kit/a.p1 is imported already for unit P1-0001, not P1-9999: it was not imported again']);
    expect(r.createdPlayers).toEqual([]);
    expect(r.createdUnits).toEqual([]);
    expect(await players()).toEqual(['Ann']);
    expect((await t.call('units:list')).map((u) => u.deviceId)).toEqual(['P1-0001']);
  });

  it('the same file under two names in one request: linked once, the second named as a copy', async () => {
    const r = await t.call('imports:commit', {
      sessionId,
      scanId: scan.scanId,
      files: [
        { fileId: fileId('b.p1'), deviceId: 'P1-0002', player: { newPlayer: { name: 'Dee' } } },
        { fileId: fileId('b-copy.p1'), deviceId: 'P1-0003', player: { newPlayer: { name: 'Eve' } } },
      ],
    });
    expect(r.files.map((f) => [f.sourceName, f.deviceId, f.outcome])).toEqual([
      ['kit/b.p1', 'P1-0002', 'imported'],
      ['kit/b-copy.p1', 'P1-0002', 'unchanged'],
    ]);
    expect(r.warnings).toEqual(['kit/b-copy.p1 holds the same bytes as kit/b.p1, imported already for unit P1-0002, not P1-0003: it was not imported again']);
    expect(await players()).toEqual(['Ann', 'Dee']);
    const s = await t.call('sessions:get', { id: sessionId });
    expect(s.participants.map((p) => [p.playerName, p.deviceId, p.files.length]).sort()).toEqual([
      ['Ann', 'P1-0001', 1],
      ['Dee', 'P1-0002', 1],
    ]);
  });
});

describe('imports:commit, a file turned unreadable after the scan', () => {
  it('a folder in its place: CONFLICT naming the file and why, nothing linked', async () => {
    const t = startTestCore({ clock: () => T0 + 3600_000 });
    try {
      const dir = makeTempDir();
      const path = join(dir, 'e.p1');
      writeP1(path, 'P1-0010');
      const sessionId = (await t.call('sessions:create', { name: 'gone', startMs: T0, endMs: T0 + 10_000 })).id;
      const scan = await t.call('imports:scan', { sessionId, paths: [path] });
      rmSync(path);
      mkdirSync(path);
      const r = await t.raw('imports:commit', { sessionId, scanId: scan.scanId, files: [{ fileId: scan.files[0].fileId, deviceId: 'P1-0010', player: { newPlayer: { name: 'Fay' } } }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `e.p1 can no longer be read at ${path} (EISDIR): scan again` } });
      expect((await t.call('sessions:get', { id: sessionId })).participants).toEqual([]);
      expect(await t.call('players:list')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
