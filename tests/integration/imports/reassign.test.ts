/**
 * One player wears one unit in a session, and a unit is worn by one player: an import that says
 * otherwise moves the assignment and says what it replaced (imports:commit, and a Player1 folder
 * whose meta.csv gives two units the same player, sessions:importFolder).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, startTestCore, type TestCore } from '../../support/core.ts';
import { P1_T0, writeP1 } from '../../support/p1-file.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from '../../support/sample.ts';

let t: TestCore;
afterEach(() => t.close());

describe('an import that moves a unit to another player', () => {
  it('imports:commit: the unit leaves its earlier wearer, the player leaves their earlier unit, both named', async () => {
    t = startTestCore();
    const dir = makeTempDir();
    mkdirSync(join(dir, 'kit'));
    writeP1(join(dir, 'kit', 'a.p1'), 'P1-0001');
    writeP1(join(dir, 'kit', 'b.p1'), 'P1-0002');
    const ann = (await t.call('players:create', { name: 'Ann', position: '' })).id;
    const bea = (await t.call('players:create', { name: 'Bea', position: '' })).id;
    const sessionId = (await t.call('sessions:create', { name: 'swap', startMs: P1_T0, endMs: P1_T0 + 10_000 })).id;
    const scan = await t.call('imports:scan', { sessionId, paths: [join(dir, 'kit')] });
    const file = (name: string) => scan.files.find((f) => f.sourceName === `kit/${name}`)!.fileId;
    const first = await t.call('imports:commit', {
      sessionId,
      scanId: scan.scanId,
      files: [
        { fileId: file('a.p1'), deviceId: 'P1-0001', player: { playerId: ann } },
        { fileId: file('b.p1'), deviceId: 'P1-0002', player: { playerId: bea } },
      ],
    });
    expect(first.warnings).toEqual([]);

    const again = await t.call('imports:commit', { sessionId, scanId: scan.scanId, files: [{ fileId: file('a.p1'), deviceId: 'P1-0001', player: { playerId: bea } }] });
    expect(again.warnings).toEqual([
      "unit P1-0001 was worn by Ann in this session; it is now Bea's",
      'Bea wore unit P1-0002 in this session; that assignment was replaced by P1-0001',
    ]);
    expect(again.session.participants.map((p) => [p.playerName, p.deviceId])).toEqual([['Bea', 'P1-0001']]);
    // The roster's usual wearers were set by the first import and stay.
    expect((await t.call('units:list')).map((u) => [u.deviceId, u.defaultPlayerId])).toEqual([
      ['P1-0001', ann],
      ['P1-0002', bea],
    ]);
  });

  it('sessions:importFolder: two units given the same player in meta.csv, the later one wins, with a warning', async () => {
    t = startTestCore();
    const dir = join(makeTempDir(), 'same-player');
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    const meta = readFileSync(join(dir, 'meta.csv'), 'utf8').split('\n');
    const name = (line: string) => line.split(',')[1];
    // Unit 2's line names unit 1's player.
    meta[2] = meta[2].replace(name(meta[2]), name(meta[1]));
    writeFileSync(join(dir, 'meta.csv'), meta.join('\n'));
    const start = SAMPLE_OPTIONS.startMs;
    const s = await t.call('sessions:create', { name: 'same player', startMs: start, endMs: start + SAMPLE_OPTIONS.minutes * 60_000 });
    const r = await t.call('sessions:importFolder', { id: s.id, folder: dir });
    expect(r.warnings).toEqual([`P1-1002: ${name(meta[1])} already wears another unit in this session; that assignment was replaced`]);
    expect(r.units.map((u) => [u.deviceId, u.playerName, u.createdPlayer, u.createdUnit])).toEqual([
      ['P1-1001', name(meta[1]), true, true],
      ['P1-1002', name(meta[1]), false, true],
      ['P1-1003', name(meta[3]), true, true],
      ['P1-1004', name(meta[4]), true, true],
      ['P1-1005', name(meta[5]), true, true],
    ]);
    expect(r.session.participants.map((p) => p.deviceId).sort()).toEqual(['P1-1002', 'P1-1003', 'P1-1004', 'P1-1005']);
    // Both units' files are linked; the unit without a wearer keeps its files for a later assignment.
    expect(t.core.ctx.repos.sessions.fileCount(s.id, (await t.call('units:list'))[0].id)).toBe(2);
  });
});
