/**
 * The log of files landed by unit downloads (migration 002): where each came from, its hash,
 * time range and the unit's clock offset. The raw_files row is made here too, so the stored
 * file is indexed before anything links to it.
 */
import type { Db } from './database.ts';

export interface DownloadRecord {
  deviceKey: string;
  unitCode: string;
  unitId: string | null;
  driver: string;
  recordingId: string;
  sha256: string;
  format: string;
  size: number;
  startMs: number;
  endMs: number;
  clockOffsetMs: number;
  sessionId: string | null;
  resumedFrom: number;
  downloadedAt: number;
}

interface Row {
  device_key: string;
  unit_code: string;
  unit_id: string | null;
  driver: string;
  recording_id: string;
  sha256: string;
  format: string;
  size: number;
  start_ms: number;
  end_ms: number;
  clock_offset_ms: number;
  session_id: string | null;
  resumed_from: number;
  downloaded_at: number;
}

const toRecord = (r: Row): DownloadRecord => ({
  deviceKey: r.device_key,
  unitCode: r.unit_code,
  unitId: r.unit_id,
  driver: r.driver,
  recordingId: r.recording_id,
  sha256: r.sha256,
  format: r.format,
  size: r.size,
  startMs: r.start_ms,
  endMs: r.end_ms,
  clockOffsetMs: r.clock_offset_ms,
  sessionId: r.session_id,
  resumedFrom: r.resumed_from,
  downloadedAt: r.downloaded_at,
});

export class DownloadsRepo {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  record(d: DownloadRecord): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO raw_files (sha256, size, stored_at) VALUES (?, ?, ?)').run(d.sha256, d.size, d.downloadedAt);
      this.db
        .prepare(
          `INSERT INTO device_downloads
           (device_key, unit_code, unit_id, driver, recording_id, sha256, format, size, start_ms, end_ms,
            clock_offset_ms, session_id, resumed_from, downloaded_at)
           VALUES (@deviceKey, @unitCode, @unitId, @driver, @recordingId, @sha256, @format, @size, @startMs, @endMs,
            @clockOffsetMs, @sessionId, @resumedFrom, @downloadedAt)`,
        )
        .run(d);
    })();
  }

  /** Whether this exact recording (device, recording id, content) was downloaded and recorded. */
  has(deviceKey: string, recordingId: string, sha256: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM device_downloads WHERE device_key = ? AND recording_id = ? AND sha256 = ? LIMIT 1')
        .get(deviceKey, recordingId, sha256) !== undefined
    );
  }

  forDevice(deviceKey: string): DownloadRecord[] {
    return (this.db.prepare('SELECT * FROM device_downloads WHERE device_key = ? ORDER BY id').all(deviceKey) as Row[]).map(toRecord);
  }

  forSession(sessionId: string): DownloadRecord[] {
    return (this.db.prepare('SELECT * FROM device_downloads WHERE session_id = ? ORDER BY id').all(sessionId) as Row[]).map(toRecord);
  }
}
