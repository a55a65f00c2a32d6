import { describe, expect, it } from 'vitest';
import type { FileFinding } from '../../../src/shared/api/imports.contract.ts';
import { commitFiles, defaultExclusion, emptyPlan, mergeFinding, unitKey } from '../../../src/renderer/src/features/sessions/import/import-plan.ts';

const W = { startMs: 1_000_000, endMs: 2_000_000 };
const finding = (over: Partial<FileFinding>): FileFinding => ({
  fileId: 'f1',
  sourceName: 'x.fit',
  path: '/x.fit',
  size: 10,
  sha256: 'a'.repeat(64),
  stage: 'done',
  format: { id: 'fit', label: 'Garmin FIT' },
  unitId: 'W1',
  unitSource: 'file',
  knownUnit: null,
  suggestion: null,
  firstMs: 1_500_000,
  lastMs: 1_600_000,
  overlap: null,
  streams: { gnss: null, imu: null, hr: null },
  problems: [],
  error: null,
  canIgnoreChecksums: false,
  localClock: false,
  options: {},
  alreadyImported: null,
  ...over,
});

describe('what is imported by default', () => {
  it('a readable file in the window, not already imported', () => {
    expect(defaultExclusion(finding({}), W)).toBeNull();
    expect(defaultExclusion(finding({ firstMs: 3_000_000, lastMs: 4_000_000 }), W)).toBe('outside the session window');
    expect(defaultExclusion(finding({ alreadyImported: { deviceId: 'W1', sourceName: 'x.fit' } }), W)).toBe('already imported');
    expect(defaultExclusion(finding({ error: { severity: 'error', code: 'FIT_CRC', message: 'm', line: null, offset: 1, count: null } }), W)).toBe('cannot be read');
  });

  it("the unit's suggested player is taken; the user's choices survive a re-read; an accepted damaged file gets the defaults", () => {
    let plan = mergeFinding(emptyPlan(), finding({ suggestion: { kind: 'new', name: 'Ann', position: 'GK', why: 'layout' } }), W);
    expect(plan.players[unitKey('w1')]).toEqual({ kind: 'new', name: 'Ann', position: 'GK' });
    plan = { ...plan, files: { f1: { include: false, deviceId: 'W1' } } };
    plan = mergeFinding(plan, finding({}), W, finding({}));
    expect(plan.files.f1.include).toBe(false);

    const damaged = finding({ fileId: 'f2', unitId: null, error: { severity: 'error', code: 'FIT_CRC', message: 'm', line: null, offset: 1, count: null } });
    let p2 = mergeFinding(emptyPlan(), damaged, W);
    expect(p2.files.f2).toEqual({ include: false, deviceId: '' });
    p2 = mergeFinding(p2, finding({ fileId: 'f2', unitId: 'W9' }), W, damaged);
    expect(p2.files.f2).toEqual({ include: true, deviceId: 'W9' });
    expect(p2.players.w9).toEqual({ kind: 'none' });
  });
});

describe('the commit request', () => {
  it('every included unit needs a player; one player, one unit; ids must be valid', () => {
    const a = finding({ fileId: 'a', unitId: 'A1' });
    const b = finding({ fileId: 'b', unitId: 'B1' });
    let plan = [a, b].reduce((p, f) => mergeFinding(p, f, W), emptyPlan());
    expect(commitFiles(plan, [a, b]).blockers).toEqual(['unit A1 needs a player', 'unit B1 needs a player']);
    plan = { ...plan, players: { a1: { kind: 'player', playerId: 'p1' }, b1: { kind: 'player', playerId: 'p1' } } };
    expect(commitFiles(plan, [a, b]).blockers).toEqual(['one player is given 2 units: a player wears one unit in a session']);
    plan = { ...plan, players: { a1: { kind: 'player', playerId: 'p1' }, b1: { kind: 'new', name: ' ', position: '' } } };
    expect(commitFiles(plan, [a, b]).blockers).toEqual(["unit B1: type the new player's name"]);
    plan = { ...plan, players: { ...plan.players, b1: { kind: 'new', name: ' Bo ', position: 'CB' } } };
    expect(commitFiles(plan, [a, b])).toEqual({
      files: [
        { fileId: 'a', deviceId: 'A1', player: { playerId: 'p1' } },
        { fileId: 'b', deviceId: 'B1', player: { newPlayer: { name: 'Bo', position: 'CB' } } },
      ],
      blockers: [],
    });
    const renamed = { ...plan, files: { ...plan.files, b: { include: true, deviceId: 'B 1' } } };
    expect(commitFiles(renamed, [a, b]).blockers[0]).toMatch(/letters, digits, dot, dash and underscore/);
    const unticked = { ...plan, files: { ...plan.files, b: { include: false, deviceId: 'B1' } } };
    expect(commitFiles(unticked, [a, b]).files.map((f) => f.fileId)).toEqual(['a']);
  });
});
