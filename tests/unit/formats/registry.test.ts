import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READERS, detectFormat, readerById } from '../../../src/main/core/formats/registry.ts';
import { decodeBytes, decodeFile } from '../../../src/main/core/formats/decode-file.ts';
import { encodeP1 } from '../../../src/main/core/formats/p1.writer.ts';
import { excelSerialToLocalMs, localToUtc } from '../../../src/main/core/formats/local-time.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('format registry', () => {
  it('lists each reader once, with a unique id', () => {
    const ids = READERS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['p1', 'player1-gps-csv', 'player1-imu-csv', 'player1-csv', 'catapult-openfield-csv', 'catapult-raw-csv', 'nmea', 'fit', 'gpx', 'tcx', 'accel-csv']));
  });

  it('detects by content, whatever the suffix says', () => {
    const p1 = encodeP1({ unitId: 'u', startMs: 0, gnss: null, imu: null, hr: null });
    const cases: [Uint8Array, string][] = [
      [p1, 'p1'],
      [enc('$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\n'), 'nmea'],
      [enc('<?xml version="1.0"?>\n<gpx version="1.1"><trk/></gpx>'), 'gpx'],
      [enc('<?xml version="1.0"?>\n<TrainingCenterDatabase xmlns="x"></TrainingCenterDatabase>'), 'tcx'],
      [Uint8Array.of(14, 0x10, 0, 0, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0), 'fit'],
      [enc('Timestamp, Longitude, Latitude\n44519.71565509259,-9.12,41.72\n'), 'catapult-raw-csv'],
      [enc('1551178506.0000,0.328125,0.984375,0.203125\r\n'), 'accel-csv'],
      [enc('time,ax,ay,az\n1,0,0,1\n'), 'player1-imu-csv'],
    ];
    for (const [bytes, id] of cases) {
      expect(detectFormat(bytes, 'misnamed.txt')?.reader.id, id).toBe(id);
    }
  });

  it('unknown content is UNKNOWN_FORMAT naming the file; an empty file says so', () => {
    expect(detectFormat(enc('hello, world'), 'a.csv')).toBeNull();
    expect(() => decodeBytes(enc('name,position\nAna,GK\n'), 'roster.csv')).toThrowError(expect.objectContaining({ code: 'UNKNOWN_FORMAT', file: 'roster.csv' }));
    expect(() => decodeBytes(new Uint8Array(0), 'empty.fit')).toThrowError(expect.objectContaining({ code: 'EMPTY_FILE' }));
    expect(() => decodeBytes(enc('x'), 'a', { format: 'nope' })).toThrowError(expect.objectContaining({ code: 'UNKNOWN_FORMAT' }));
    expect(readerById('fit')?.label).toBe('Garmin FIT');
  });

  it('decodeFile reads from disk and names the file in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p1-registry-'));
    try {
      const path = join(dir, 'unit.p1');
      writeFileSync(path, encodeP1({ unitId: 'P1-9', startMs: Date.UTC(2026, 2, 14), gnss: null, imu: null, hr: { t: Float64Array.of(Date.UTC(2026, 2, 14)), bpm: Float64Array.of(99) } }));
      const rec = await decodeFile(path);
      expect(rec).toMatchObject({ format: 'p1', source: 'unit.p1', unitId: 'P1-9' });
      await expect(decodeFile(join(dir, 'missing.fit'))).rejects.toMatchObject({ code: 'READ_FAILED', file: 'missing.fit' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('local clocks', () => {
  it('Excel serial days: 25569 is 1970-01-01 and a day is 86,400,000 ms', () => {
    expect(excelSerialToLocalMs(25569)).toBe(0);
    expect(excelSerialToLocalMs(44519.5)).toBe(Date.UTC(2021, 10, 19, 12));
  });

  it('zones: fixed offsets, IANA names across a DST change, and unknown names refused', () => {
    expect(localToUtc('+05:30', 'f')(Date.UTC(2026, 0, 1, 12))).toBe(Date.UTC(2026, 0, 1, 6, 30));
    const london = localToUtc('Europe/London', 'f');
    expect(london(Date.UTC(2026, 0, 15, 12))).toBe(Date.UTC(2026, 0, 15, 12)); // GMT
    expect(london(Date.UTC(2026, 6, 15, 12))).toBe(Date.UTC(2026, 6, 15, 11)); // BST = UTC+1
    expect(() => localToUtc('Nowhere/Town', 'f.csv')).toThrowError(expect.objectContaining({ code: 'BAD_TIME_ZONE', file: 'f.csv' }));
  });
});
