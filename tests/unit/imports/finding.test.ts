import { describe, expect, it } from 'vitest';
import { proposeUnit, toDeviceId } from '../../../src/main/core/imports/finding.ts';
import type { Candidate } from '../../../src/main/core/imports/scan-walk.ts';
import type { ScanFileResult } from '../../../src/main/core/imports/scan-file.ts';

const cand = (over: Partial<Candidate>): Candidate => ({ path: '/x', sourceName: 'x', parentName: null, inUnitFolder: false, layout: null, explicit: false, ...over });
const res = (format: string | null, unitId: string | null, error = false): ScanFileResult => ({
  size: 1,
  sha256: 'a'.repeat(64),
  format: format ? { id: format, label: format } : null,
  unitId,
  streams: { gnss: null, imu: null, hr: null },
  firstMs: null,
  lastMs: null,
  problems: [],
  error: error ? { severity: 'error', code: 'X', message: 'x', line: null, offset: null, count: null } : null,
  canIgnoreChecksums: false,
  localClock: false,
  options: {},
  threadId: 1,
});

describe('the unit id proposed for a file', () => {
  it('is a valid roster device id, or nothing', () => {
    expect(toDeviceId(' Forerunner 410 #2 ')).toBe('Forerunner-410-2');
    expect(toDeviceId('3854007508')).toBe('3854007508');
    expect(toDeviceId('...')).toBeNull();
    expect(toDeviceId('x'.repeat(80))).toHaveLength(64);
  });

  it("comes from the file's content first", () => {
    expect(proposeUnit(cand({ parentName: 'watch-7', inUnitFolder: true }), res('fit', '3945849289'))).toEqual({ unitId: '3945849289', unitSource: 'file' });
  });

  it('else from a folder per unit, else from the file name (never from a folder anyone could have)', () => {
    expect(proposeUnit(cand({ sourceName: 'kit/logger-7/day.nmea', parentName: 'logger-7', inUnitFolder: true }), res('nmea', null))).toEqual({ unitId: 'logger-7', unitSource: 'folder' });
    expect(proposeUnit(cand({ sourceName: 'Downloads/U18_ID1.csv', parentName: 'Downloads', inUnitFolder: false }), res('catapult-raw-csv', null))).toEqual({ unitId: 'U18_ID1', unitSource: 'name' });
  });

  it('Player1 CSV: the layout names it; outside a layout its folder does, as the layout would', () => {
    const layout = { deviceId: 'P1-1003', playerName: 'Jo', position: 'CB', shirtNumber: null, birthDate: null, line: 4 };
    expect(proposeUnit(cand({ parentName: 'p1-1003', layout }), res('player1-gps-csv', 'p1-1003'))).toEqual({ unitId: 'P1-1003', unitSource: 'layout' });
    expect(proposeUnit(cand({ sourceName: 'gps.csv', parentName: 'P1-1004', explicit: true }), res('player1-gps-csv', 'P1-1004'))).toEqual({ unitId: 'P1-1004', unitSource: 'folder' });
    // Dropped on its own in a browser (no folder): the reader's folder is the staging batch, not a unit.
    expect(proposeUnit(cand({ sourceName: 'gps.csv', parentName: null, explicit: true }), res('player1-gps-csv', '0f8fad5b-d9cb'))).toEqual({ unitId: 'gps', unitSource: 'name' });
  });

  it('is not proposed for a file that cannot be read', () => {
    expect(proposeUnit(cand({ parentName: 'w', inUnitFolder: true }), res('fit', null, true))).toEqual({ unitId: null, unitSource: null });
  });
});
