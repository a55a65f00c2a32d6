/** A manifest as the user is shown it (backup:create's answer, the restore confirmation). */
import type { BackupSummary } from '../../../shared/api/backup.contract.ts';
import type { Manifest } from './manifest.ts';

export function summaryOf(m: Manifest): BackupSummary {
  return {
    createdAt: m.createdAt,
    appName: m.app.name,
    appVersion: m.app.version,
    schemaVersion: m.schemaVersion,
    files: m.files.length,
    bytes: m.files.reduce((s, f) => s + f.size, 0),
    sessions: m.counts.sessions,
    players: m.counts.players,
    rawFiles: m.counts.rawFiles,
    reports: m.counts.reports,
    sourceDataDir: m.sourceDataDir,
  };
}
