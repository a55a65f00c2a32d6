import type { Migration } from '../migrate.ts';

/**
 * Downloads from units (issue 5): every file that lands from a unit is recorded with where it
 * came from (the device, its recording id), its content hash, its time range and the unit's
 * clock offset measured at handshake; a session's file link carries that offset so processing
 * moves the unit's times onto the laptop's clock.
 */
export const m003Devices: Migration = {
  version: 3,
  name: 'devices',
  up(db) {
    db.exec(`
      -- unit clock − laptop clock (ms) to subtract from every time in the file; 0 for files
      -- whose times are already right (imports, GNSS time).
      ALTER TABLE session_files ADD COLUMN clock_offset_ms REAL NOT NULL DEFAULT 0;

      -- One row per file landed by a download (a re-download of stored content adds a row too:
      -- it is a log). device_key is the device's stable identity (driver:vid:pid:unit id),
      -- unit_code the id the unit reports; unit_id the roster unit it was linked to.
      CREATE TABLE device_downloads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_key TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
        driver TEXT NOT NULL,
        recording_id TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES raw_files(sha256),
        format TEXT NOT NULL,
        size INTEGER NOT NULL,
        start_ms REAL NOT NULL,
        end_ms REAL NOT NULL,
        clock_offset_ms REAL NOT NULL,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        resumed_from INTEGER NOT NULL DEFAULT 0,
        downloaded_at INTEGER NOT NULL
      );
      CREATE INDEX device_downloads_recording ON device_downloads (device_key, recording_id, sha256);
    `);
  },
};
