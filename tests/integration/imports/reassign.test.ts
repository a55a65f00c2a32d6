/**
 * A unit is worn by one player in a session: an import that gives it to another moves it and says
 * so. A player may wear several units (a unit of theirs with data stays beside the new one).
 * A person is not a name: meta.csv rows of one name with different details are two players
 * (sessions:importFolder); rows that nothing tells apart are one player wearing both units.
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
      'Bea wears P1-0001 beside P1-0002 in this session: each kind of data comes from one unit (the session page shows which, and can change it)',
    ]);
    // Ann wore nothing else: she no longer takes part. Bea keeps P1-0002 (it has data) and wears P1-0001 too.
    expect(again.session.participants.map((p) => [p.playerName, p.deviceId, p.units!.map((u) => u.deviceId)])).toEqual([['Bea', 'P1-0002', ['P1-0002', 'P1-0001']]]);
    // The roster's usual wearers were set by the first import and stay.
    expect((await t.call('units:list')).map((u) => [u.deviceId, u.defaultPlayerId])).toEqual([
      ['P1-0001', ann],
      ['P1-0002', bea],
    ]);
  });

  it('sessions:importFolder: two units under one name with different positions are two players; with nothing apart, one player wearing both', async () => {
    t = startTestCore();
    const dir = join(makeTempDir(), 'same-name');
    cpSync(SAMPLE_DIR, dir, { recursive: true });
    const meta = readFileSync(join(dir, 'meta.csv'), 'utf8').split('\n');
    const cells = (line: string) => line.split(',');
    // Unit 2's line gets unit 1's name (the positions differ: GK and CB); unit 4's line gets unit 5's name and position (FB).
    expect(cells(meta[1])[2]).not.toBe(cells(meta[2])[2]);
    meta[2] = [cells(meta[2])[0], cells(meta[1])[1], cells(meta[2])[2]].join(',');
    meta[4] = [cells(meta[4])[0], cells(meta[5])[1], cells(meta[5])[2]].join(',');
    writeFileSync(join(dir, 'meta.csv'), meta.join('\n'));
    const [n1, n5] = [cells(meta[1])[1], cells(meta[5])[1]];
    const start = SAMPLE_OPTIONS.startMs;
    const s = await t.call('sessions:create', { name: 'same name', startMs: start, endMs: start + SAMPLE_OPTIONS.minutes * 60_000 });
    const r = await t.call('sessions:importFolder', { id: s.id, folder: dir });
    expect(r.units.map((u) => [u.deviceId, u.playerName, u.position, u.createdPlayer])).toEqual([
      ['P1-1001', n1, 'GK', true],
      ['P1-1002', n1, 'CB', true],
      ['P1-1003', cells(meta[3])[1], 'CB', true],
      ['P1-1004', n5, 'FB', true],
      ['P1-1005', n5, 'FB', false],
    ]);
    expect(r.warnings).toEqual([`P1-1005: ${n5} also wears P1-1004 in this session (nothing in meta.csv tells them apart): one player, several units, each kind of data from one unit (the session page shows which)`]);
    const players = await t.call('players:list');
    expect(players.filter((p) => p.name === n1).map((p) => p.position).sort()).toEqual(['CB', 'GK']);
    expect(players.filter((p) => p.name === n5)).toHaveLength(1);
    // Four people: the two of one name each with their unit, and one wearing two.
    expect(r.session.participants.map((p) => [p.playerName, p.position, p.units!.map((u) => u.deviceId)]).sort()).toEqual(
      [
        [n1, 'GK', ['P1-1001']],
        [n1, 'CB', ['P1-1002']],
        [cells(meta[3])[1], 'CB', ['P1-1003']],
        [n5, 'FB', ['P1-1004', 'P1-1005']],
      ].sort(),
    );
  });
});
