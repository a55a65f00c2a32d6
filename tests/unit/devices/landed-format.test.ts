import { describe, expect, it } from 'vitest';
import { landedFormat, landedSourceName } from '../../../src/main/core/devices/landed-format.ts';
import { rosterCode } from '../../../src/main/core/devices/roster-code.ts';
import { toDeviceId } from '../../../src/main/core/imports/finding.ts';
import type { LandedFile } from '../../../src/main/core/devices/types.ts';

const file = (recordingId: string): LandedFile => ({
  deviceId: 'd', unitId: 'U1', recordingId, sha256: 'a'.repeat(64), path: '/store/x', size: 1, startMs: 0, endMs: 1,
  clockOffsetMs: 0, clockUncertaintyMs: 0, alreadyStored: false, resumedFromOffset: 0,
});

describe('landed files: reader id and session name', () => {
  it('Player1 recordings are P1 files, NMEA receivers NMEA, drives by content first, then suffix', () => {
    expect(landedFormat('player1', file('7'))).toBe('p1');
    expect(landedSourceName('player1', file('7'))).toBe('U1/rec-7.p1');
    expect(landedFormat('nmea-serial', file('session-1'))).toBe('nmea');
    expect(landedSourceName('nmea-serial', file('session-1'))).toBe('U1/session-1.nmea');
    expect(landedFormat('mass-storage', file('Garmin/Activities/A.FIT'))).toBe('fit');
    expect(landedFormat('mass-storage', file('tracks/run.gpx'))).toBe('gpx');
    expect(landedFormat('mass-storage', file('logs/today.LOG'))).toBe('nmea');
    expect(landedSourceName('mass-storage', file('Garmin/Activities/A.FIT'))).toBe('U1/Garmin/Activities/A.FIT');
    // A CSV says what it is only by its content.
    expect(landedFormat('mass-storage', file('export/data.csv'), () => 'catapult-openfield-csv')).toBe('catapult-openfield-csv');
    expect(landedFormat('mass-storage', file('export/data.csv'))).toBe('csv');
  });

  it('roster codes keep ids the roster accepts and replace the rest', () => {
    expect(rosterCode('P1-0001')).toBe('P1-0001');
    expect(rosterCode('1546:01a7@/dev/ttyACM0')).toBe('1546-01a7-dev-ttyACM0');
    expect(rosterCode('GARMIN 2')).toBe('GARMIN-2');
    // the same name imported from a file or folder gives the same roster unit
    expect(rosterCode(' Forerunner 410 #2 ')).toBe(toDeviceId(' Forerunner 410 #2 '));
    expect(rosterCode('...')).toBe('unit');
    expect(rosterCode('x'.repeat(80))).toHaveLength(64);
  });
});
