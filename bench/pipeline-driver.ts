/**
 * Stand-in for `player1 process <folder> --out <report.html> --json <metrics.json>` while the CLI
 * is not on this branch: the same worker pool, worker file, engine, report model and HTML writer,
 * run as one process, reading the unit files in place (no database). The bench uses bin/player1.js
 * whenever it exists.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { TaskPool } from '../src/main/core/jobs/task-pool.ts';
import { NODE_WORKER_PATH, REPORT_VIEWER_PATH } from '../src/main/core/node-paths.ts';
import { parseMetaCsv } from '../src/main/core/formats/meta-csv.ts';
import { peekTimeRange } from '../src/main/core/sessions/folder-scan.ts';
import { buildReportModel } from '../src/main/core/report/report-model.ts';
import { renderReportHtml } from '../src/main/core/report/html-report.ts';
import { ALGORITHM_VERSION } from '../src/main/core/processing/algorithm-version.ts';
import { DEFAULT_SETTINGS, settingsKey } from '../src/shared/domain/settings.ts';
import type { DataFile, Session } from '../src/shared/domain/session.ts';
import type { StoredResult } from '../src/main/core/db/results.repo.ts';

const args = process.argv.slice(2);
const folder = args[0];
const out = args[args.indexOf('--out') + 1];
const json = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const threads = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : availableParallelism();

const meta = parseMetaCsv(readFileSync(join(folder, 'meta.csv'), 'utf8'), 'meta.csv');
const file = (id: string, kind: 'gps' | 'imu'): DataFile => {
  const path = join(folder, id, `${kind}.csv`);
  return { kind, path, sourceName: `${id}/${kind}.csv`, size: statSync(path).size, sha256: '' };
};
const ranges = meta.map((m) => peekTimeRange(join(folder, m.deviceId, 'gps.csv'))!);
const startMs = Math.min(...ranges.map((r) => r.firstMs));
const endMs = Math.max(...ranges.map((r) => r.lastMs)) + 1;
const session: Session = {
  id: 'bench',
  name: 'bench',
  startMs,
  endMs,
  processingStatus: 'PROCESSING',
  reportPath: null,
  lastProcessedAt: null,
  error: null,
  createdAt: 0,
  updatedAt: 0,
  participants: meta.map((m) => ({
    playerId: m.deviceId,
    playerName: m.playerName,
    position: m.position,
    unitId: m.deviceId,
    deviceId: m.deviceId,
    files: [file(m.deviceId, 'gps'), file(m.deviceId, 'imu')],
  })),
};
const pool = new TaskPool(NODE_WORKER_PATH, threads);
const key = settingsKey(DEFAULT_SETTINGS);
const results: StoredResult[] = await Promise.all(
  session.participants.map(async (p) => {
    const r = await pool.run(
      { sessionId: session.id, playerId: p.playerId, deviceId: p.deviceId, files: p.files, window: { startMs, endMs }, periods: [], settings: DEFAULT_SETTINGS },
      () => {},
    );
    if (!r.ok) throw new Error(`${p.deviceId}: ${r.error.message}`);
    return {
      sessionId: session.id,
      playerId: p.playerId,
      unitId: p.unitId,
      metrics: r.metrics,
      problems: r.problems,
      algorithmVersion: r.algorithmVersion,
      settings: DEFAULT_SETTINGS,
      settingsKey: key,
      computedAt: Date.now(),
      periods: r.periods,
      quality: r.quality,
      warnings: r.warnings,
      series: r.series,
    };
  }),
);
await pool.destroy();
const model = buildReportModel({
  session,
  results,
  generatedAt: Date.now(),
  timeZone: 'UTC',
  app: { name: 'Player1 Pitchside', version: '0.1.0', algorithmVersion: ALGORITHM_VERSION },
  settings: DEFAULT_SETTINGS,
});
writeFileSync(out, renderReportHtml(model, readFileSync(REPORT_VIEWER_PATH, 'utf8')));
if (json) {
  writeFileSync(
    json,
    JSON.stringify({
      schema_version: 1,
      algorithm_version: ALGORITHM_VERSION,
      players: model.players.map((p) => ({ device_id: p.deviceId, player_name: p.name, position: p.position, metrics: p.metrics })),
      team: { players: model.team.players, mean: model.team.mean, total: model.team.total },
    }),
  );
}
