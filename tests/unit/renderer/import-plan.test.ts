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
  it('every included unit needs a player; one player may wear two units (a pod and a watch); ids must be valid', () => {
    const a = finding({ fileId: 'a', unitId: 'A1' });
    const b = finding({ fileId: 'b', unitId: 'B1' });
    let plan = [a, b].reduce((p, f) => mergeFinding(p, f, W), emptyPlan());
    expect(commitFiles(plan, [a, b]).blockers).toEqual(['unit A1 needs a player', 'unit B1 needs a player']);
    plan = { ...plan, players: { a1: { kind: 'player', playerId: 'p1' }, b1: { kind: 'player', playerId: 'p1' } } };
    expect(commitFiles(plan, [a, b]).blockers).toEqual([]);
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

describe('a name the roster cannot tell for sure', () => {
  const ask = {
    name: 'Max Roberts',
    candidates: [
      { playerId: 'p1', name: 'Max Roberts', position: 'FB', shirtNumber: 4, birthDate: null, detail: 'FB · #4' },
      { playerId: 'p2', name: 'Max Roberts', position: 'ST', shirtNumber: 9, birthDate: null, detail: 'ST · #9' },
    ],
    newPlayer: { name: 'Max Roberts', position: 'CM', shirtNumber: null, birthDate: null, detail: 'CM' },
  };
  it('leaves the unit without a player until the user says which person is meant, and the commit waits for it', () => {
    const f = finding({ fileId: 'a', unitId: 'A1', suggestion: null, ask });
    const plan = mergeFinding(emptyPlan(), f, W);
    expect(plan.players.a1).toEqual({ kind: 'none' });
    expect(commitFiles(plan, [f]).blockers).toEqual(['unit A1: which Max Roberts is meant?']);
    const answered = { ...plan, players: { a1: { kind: 'new' as const, name: 'Max Roberts', position: 'CM', shirtNumber: 7, birthDate: '2001-03-02' } } };
    expect(commitFiles(answered, [f]).files).toEqual([
      { fileId: 'a', deviceId: 'A1', player: { newPlayer: { name: 'Max Roberts', position: 'CM', shirtNumber: 7, birthDate: '2001-03-02' } } },
    ]);
  });
});
