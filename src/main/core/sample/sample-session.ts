/**
 * Writes a deterministic sample session in the Player1 CSV layout: meta.csv plus
 * <device_id>/gps.csv and <device_id>/imu.csv per player. Same options, same bytes.
 */
import { mkdirSync, renameSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGpsCsv, writeImuCsv, writeMetaCsv } from '../formats/player1-csv.writer.ts';
import { DEFAULT_SAMPLE, scenarioPlayers, simulateUnit, type ScenarioOptions } from './scenario.ts';

export interface SampleSessionInfo {
  dir: string;
  options: ScenarioOptions;
  deviceIds: string[];
}

const STAMP = '.sample-options.json';

/**
 * Generate the session into `dir` unless it already holds one made with the same options
 * (generation is deterministic, so the existing files are the same bytes). Written to a temp
 * folder first and renamed, so an interrupted run never leaves a half-written sample.
 */
export function ensureSampleSession(dir: string, options: Partial<ScenarioOptions> = {}): SampleSessionInfo {
  const opts: ScenarioOptions = { ...DEFAULT_SAMPLE, ...options };
  const players = scenarioPlayers(opts.players);
  const info = { dir, options: opts, deviceIds: players.map((p) => p.deviceId) };
  const stamp = JSON.stringify(opts);
  if (existsSync(join(dir, STAMP)) && readFileSync(join(dir, STAMP), 'utf8') === stamp) return info;

  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeMetaCsv(join(tmp, 'meta.csv'), players);
  players.forEach((p, i) => {
    const unit = simulateUnit(opts, i, p);
    mkdirSync(join(tmp, p.deviceId));
    writeGpsCsv(join(tmp, p.deviceId, 'gps.csv'), unit.gnss, unit.hr);
    writeImuCsv(join(tmp, p.deviceId, 'imu.csv'), unit.imu);
  });
  writeFileSync(join(tmp, STAMP), stamp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return info;
}
