/**
 * One player, two units (a 10 Hz pod without a heart-rate strap, and a 1 Hz watch with heart rate):
 * imported through the app's import into one participant, processed on the real pool into one
 * result whose GNSS and accelerometer come from the pod and heart rate from the watch. The choice
 * is stored, recorded with the result (changing it marks the result stale) and used when processed
 * again. Expected values come from processing each unit alone through the same task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startTestCore, type TestCore } from '../support/core.ts';
import { importPodAndWatch, writePodAndWatch, type PodAndWatch } from '../support/pod-and-watch.ts';
import { runPlayerTask } from '../../src/main/core/jobs/player-task.ts';
import type { Participant } from '../../src/shared/domain/session.ts';
import { EngineSettingsSchema } from '../../src/shared/domain/settings.ts';

describe('a player wearing a pod and a watch', () => {
  let t: TestCore;
  let files: PodAndWatch;
  let sessionId = '';
  let startMs = 0;
  let endMs = 0;

  beforeAll(() => {
    files = writePodAndWatch(makeTempDir('p1-multi-unit-'));
    ({ startMs, endMs } = files);
    t = startTestCore();
  });
  afterAll(() => t.close());

  const alone = (p: Participant, deviceId: string) => {
    const u = p.units!.find((x) => x.deviceId === deviceId)!;
    const r = runPlayerTask({ sessionId, playerId: p.playerId, deviceId, files: u.files.map(({ deviceId: _d, ...f }) => f), window: { startMs, endMs }, periods: [], settings: EngineSettingsSchema.parse({}) });
    if (!r.ok) throw new Error(r.error.message);
    return r;
  };

  it('the import links both units to one participant', async () => {
    sessionId = (await t.call('sessions:create', { name: 'two units', startMs, endMs })).id;
    const { scan, commit: r } = await importPodAndWatch(t, sessionId, files);
    expect(scan.map((f) => f.unitId).sort()).toEqual(['P1-2001', 'P1-2001', 'WATCH-7']);
    expect(r.createdPlayers).toEqual(['Max Roberts']);
    expect(r.warnings.some((w) => /Max Roberts wears (WATCH-7 beside P1-2001|P1-2001 beside WATCH-7)/.test(w))).toBe(true);
    const s = await t.call('sessions:get', { id: sessionId });
    expect(s.participants).toHaveLength(1);
    expect(s.participants[0].units!.map((u) => u.deviceId).sort()).toEqual(['P1-2001', 'WATCH-7']);
    expect(s.participants[0].files).toHaveLength(3);
  });

  it('processing takes GNSS and accelerometer from the pod, heart rate from the watch', async () => {
    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const s = await t.call('sessions:get', { id: sessionId });
    expect(s.error).toBeNull();
    expect(s.processingStatus).toBe('COMPLETED');
    const res = await t.call('results:list', { sessionId });
    expect(res.players).toHaveLength(1);
    const row = res.players[0];
    expect(row.sources?.used).toMatchObject({
      gnss: { deviceId: 'P1-2001', how: 'automatic', why: 'the highest GNSS rate, 10 Hz' },
      imu: { deviceId: 'P1-2001', how: 'automatic' },
      hr: { deviceId: 'WATCH-7', how: 'automatic', why: 'the only unit with heart rate data' },
    });
    const p = s.participants[0];
    const pod = alone(p, 'P1-2001');
    const watch = alone(p, 'WATCH-7');
    expect(pod.metrics.hr_mean_bpm ?? null).toBeNull();
    expect(row.metrics.distance_m).toBe(pod.metrics.distance_m);
    expect(row.metrics.hr_mean_bpm).toBe(watch.metrics.hr_mean_bpm);
    expect(row.metrics.hr_mean_bpm).toBeGreaterThan(60);
    // The watch's track is not the pod's: a merge that mixed fixes would change the distance.
    expect(Math.abs(watch.metrics.distance_m! - pod.metrics.distance_m!)).toBeGreaterThan(1);
    expect(row.stale).toEqual([]);
  });

  it('choosing GNSS from the watch is stored, marks the result stale, and is used when processed again', async () => {
    const s0 = await t.call('sessions:get', { id: sessionId });
    const p = s0.participants[0];
    const watchUnit = p.units!.find((u) => u.deviceId === 'WATCH-7')!;
    const s1 = await t.call('sessions:setSources', { id: sessionId, playerId: p.playerId, sources: { gnss: watchUnit.unitId } });
    expect(s1.participants[0].sources).toEqual({ gnss: watchUnit.unitId });
    const stale = await t.call('results:list', { sessionId });
    expect(stale.players[0].stale).toEqual(['sources']);
    // A unit the player does not wear is refused by name.
    const other = await t.call('units:create', { deviceId: 'P1-9999' });
    expect(await t.raw('sessions:setSources', { id: sessionId, playerId: p.playerId, sources: { hr: other.id } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/does not wear P1-9999/) },
    });

    await t.call('jobs:start', { sessionId });
    await t.core.jobs.whenIdle(sessionId);
    const again = await t.call('results:list', { sessionId });
    const row = again.players[0];
    expect(row.stale).toEqual([]);
    expect(row.sources?.choice).toEqual({ gnss: watchUnit.unitId });
    expect(row.sources?.used.gnss).toMatchObject({ deviceId: 'WATCH-7', how: 'chosen' });
    expect(row.metrics.distance_m).toBe(alone(p, 'WATCH-7').metrics.distance_m);

    // Back to automatic: stale again until processed.
    await t.call('sessions:setSources', { id: sessionId, playerId: p.playerId, sources: { gnss: null } });
    expect((await t.call('results:list', { sessionId })).players[0].stale).toEqual(['sources']);
  });
});
