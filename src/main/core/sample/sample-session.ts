/**
 * Writes a deterministic sample session in the Player1 CSV layout: meta.csv plus
 * <device_id>/gps.csv and <device_id>/imu.csv per player, and the true paths under .truth/. Same
 * options, same bytes.
 */
import { mkdirSync, renameSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGpsCsv, writeImuCsv, writeMetaCsv } from '../formats/player1-csv.writer.ts';
import { DEFAULT_SAMPLE, scenarioPlayers, simulateUnit, type ScenarioOptions, type UnitTruth } from './scenario.ts';

export interface SampleSessionInfo {
  dir: string;
  options: ScenarioOptions;
  deviceIds: string[];
}

const STAMP = '.sample-options.json';
/**
 * The true path of each unit: `<device_id>.csv` (time_ms, lat, lon, speed_ms at every 10 Hz epoch,
 * dropouts included) and `paths.json` ({ device_id: { pathM } }, the length of the path the
 * simulation moved along at 100 Hz).
 */
export const TRUTH_DIR = '.truth';

function writeTruthCsv(path: string, t: UnitTruth): void {
  const rows = ['time_ms,lat,lon,speed_ms'];
  for (let k = 0; k < t.t.length; k++) rows.push(`${t.t[k]},${t.lat[k].toFixed(8)},${t.lon[k].toFixed(8)},${t.speedMs[k].toFixed(3)}`);
  writeFileSync(path, rows.join('\n') + '\n');
}

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
  if (existsSync(join(dir, STAMP)) && readFileSync(join(dir, STAMP), 'utf8') === stamp && existsSync(join(dir, TRUTH_DIR, 'paths.json'))) return info;

  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeMetaCsv(join(tmp, 'meta.csv'), players);
  // What really happened, for tests and benchmarks: hidden, so an import of the folder never sees it.
  mkdirSync(join(tmp, TRUTH_DIR));
  const truths: Record<string, { pathM: number }> = {};
  players.forEach((p, i) => {
    const unit = simulateUnit(opts, i, p);
    mkdirSync(join(tmp, p.deviceId));
    writeGpsCsv(join(tmp, p.deviceId, 'gps.csv'), unit.gnss, unit.hr);
    writeImuCsv(join(tmp, p.deviceId, 'imu.csv'), unit.imu);
    writeTruthCsv(join(tmp, TRUTH_DIR, `${p.deviceId}.csv`), unit.truth);
    truths[p.deviceId] = { pathM: unit.truth.pathM };
  });
  writeFileSync(join(tmp, TRUTH_DIR, 'paths.json'), JSON.stringify(truths, null, 1));
  writeFileSync(join(tmp, STAMP), stamp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return info;
}
