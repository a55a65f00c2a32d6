/**
 * One player wearing two units, as files on disk: a 10 Hz pod without a heart-rate strap (Player1
 * CSV: gps.csv with its hr column all 0, imu.csv, meta.csv) and a 1 Hz watch with heart rate (a
 * one-file CSV: every 10th of the pod's fixes, 0.00002° east, with the simulated heart rate).
 * `importPodAndWatch` imports both into a new session of a test core as the app does: one
 * participant, the pod its main unit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateUnit, DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';
import { writeGpsCsv, writeImuCsv } from '../../src/main/core/formats/player1-csv.writer.ts';
import type { TestCore } from './core.ts';

export const POD_AND_WATCH_PLAYER = { deviceId: 'P1-2001', playerName: 'Max Roberts', position: 'FB' };
export const WATCH_DEVICE_ID = 'WATCH-7';

export interface PodAndWatch {
  /** The pod's folder and the watch's file, as a user picks them for import. */
  paths: [string, string];
  startMs: number;
  endMs: number;
}

export function writePodAndWatch(dir: string, minutes = 4): PodAndWatch {
  const player = POD_AND_WATCH_PLAYER;
  const sim = simulateUnit({ ...DEFAULT_SAMPLE, players: 1, minutes }, 0, player);
  mkdirSync(join(dir, 'pod', player.deviceId), { recursive: true });
  writeFileSync(join(dir, 'pod', 'meta.csv'), `device_id,player_name,position\n${player.deviceId},${player.playerName},${player.position}\n`);
  // The pod has no strap paired: its hr column is all 0 (no HR stream).
  writeGpsCsv(join(dir, 'pod', player.deviceId, 'gps.csv'), sim.gnss, null);
  writeImuCsv(join(dir, 'pod', player.deviceId, 'imu.csv'), sim.imu);
  // The watch: every 10th fix (1 Hz), 0.00002° east of the pod's, with the heart rate.
  const rows = [`# device_id=${WATCH_DEVICE_ID}`, 'time,lat,lon,hr'];
  for (let i = 0; i < sim.gnss.t.length; i += 10) {
    const k = Math.min(sim.hr.t.length - 1, Math.round(((sim.gnss.t[i] - sim.hr.t[0]) / (sim.hr.t[sim.hr.t.length - 1] - sim.hr.t[0] || 1)) * (sim.hr.t.length - 1)));
    rows.push(`${Math.round(sim.gnss.t[i])},${sim.gnss.lat[i].toFixed(7)},${(sim.gnss.lon[i] + 0.00002).toFixed(7)},${Math.round(sim.hr.bpm[k])}`);
  }
  writeFileSync(join(dir, 'watch.csv'), `${rows.join('\n')}\n`);
  return {
    paths: [join(dir, 'pod'), join(dir, 'watch.csv')],
    startMs: Math.round(sim.gnss.t[0]),
    endMs: Math.round(sim.gnss.t[sim.gnss.t.length - 1]) + 1000,
  };
}

/** Scans and commits both units' files into the session, every file to one new player. */
export async function importPodAndWatch(t: TestCore, sessionId: string, files: PodAndWatch) {
  const scan = await t.call('imports:scan', { sessionId, paths: files.paths });
  const found = scan.files.filter((f) => f.format);
  const commit = await t.call('imports:commit', {
    sessionId,
    scanId: scan.scanId,
    files: found.map((f) => ({ fileId: f.fileId, deviceId: f.unitId!, player: { newPlayer: { name: POD_AND_WATCH_PLAYER.playerName, position: POD_AND_WATCH_PLAYER.position } } })),
  });
  return { scan: found, commit };
}
