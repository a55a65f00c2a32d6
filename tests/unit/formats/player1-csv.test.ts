import { describe, expect, it } from 'vitest';
import { player1GpsCsvReader, player1ImuCsvReader, readPlayer1Gps } from '../../../src/main/core/formats/player1-csv.reader.ts';
import { readPlayer1Single } from '../../../src/main/core/formats/player1-single-csv.reader.ts';
import { scanNumericCsv } from '../../../src/main/core/formats/numeric-csv.ts';
import { decodeBytes } from '../../../src/main/core/formats/decode-file.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('numeric CSV scanner', () => {
  it("reads ';' with decimal commas exactly as the ',' path reads '.'", () => {
    const dot = scanNumericCsv(enc('a,b,c\n1.25,-0.5,17\n3,4.125,-12.0625\n'), { file: 'x', required: ['a', 'b', 'c'] });
    const comma = scanNumericCsv(enc('a;b;c\n1,25;-0,5;17\n3;4,125;-12,0625\n'), { file: 'x', required: ['a', 'b', 'c'], separator: 59, decimal: 44 });
    expect(comma.columns).toEqual(dot.columns);
    expect(Array.from(comma.columns.c!)).toEqual([17, -12.0625]);
  });

  it('skips unwanted columns unparsed (text is fine there) and reports bad numbers with line and column', () => {
    const csv = scanNumericCsv(enc('when,v\n14/03/2026 15:00,1.5\nnoon,2\n'), { file: 'x', required: ['v'] });
    expect(Array.from(csv.columns.v!)).toEqual([1.5, 2]);
    expect(() => scanNumericCsv(enc('a,b\n1,2\n3,x7\n'), { file: 'f.csv', required: ['a', 'b'] })).toThrowError(
      expect.objectContaining({ code: 'CSV_VALUE', line: 3, message: expect.stringContaining("column 'b'") }),
    );
  });

  it('reads a header-less file with given names, counting lines from the first data line', () => {
    const csv = scanNumericCsv(enc('1,2\n3,4\n'), { file: 'x', required: ['p', 'q'], names: ['p', 'q'] });
    expect(Array.from(csv.columns.q!)).toEqual([2, 4]);
    expect(() => scanNumericCsv(enc('1,2\n3,4,5\n'), { file: 'x', required: ['p', 'q'], names: ['p', 'q'] })).toThrowError(expect.objectContaining({ code: 'CSV_FIELDS', line: 2 }));
  });
});

describe('Player1 CSV layout', () => {
  const gps = 'time,lat,lon,speed,hdop,sats,hr\n1773500400000,51.5,-0.1,3.2,0.8,12,141\n1773500400100,51.50001,-0.1,3.3,0.8,12,0\n';
  const imu = 'time,ax,ay,az\n1773500400000,0.01,0.98,0.12\n1773500400010,0.02,0.97,0.11\n';

  it('gps.csv and imu.csv are detected by their headers; the unit id is the folder name', () => {
    const g = decodeBytes(enc(gps), 'gps.csv', {}, '/data/session/P1-0042/gps.csv');
    expect(g.format).toBe('player1-gps-csv');
    expect(g.unitId).toBe('P1-0042');
    expect(Array.from(g.hr!.bpm)).toEqual([141, NaN]); // 0 = contact lost
    const i = decodeBytes(enc(imu), 'imu.csv');
    expect(i.format).toBe('player1-imu-csv');
    expect(i.imu!.az[1]).toBe(0.11);
    expect(player1GpsCsvReader.sniff(enc(imu))).toBe(0);
    expect(player1ImuCsvReader.sniff(enc(gps))).toBe(0);
  });

  it('readPlayer1Gps keeps its contract for the skeleton', () => {
    const r = readPlayer1Gps(enc(gps), 'gps.csv');
    expect(r.gnss.t.length).toBe(2);
    expect(r.gnss.speed[1]).toBe(3.3);
  });

  it('the single-file variant splits rows into GNSS, HR and IMU streams', () => {
    const single = [
      '# device_id=P1-0042',
      '# firmware=2.1.0',
      'time,lat,lon,speed,hdop,sats,hr,ax,ay,az',
      '1773500400000,51.5,-0.1,3.2,0.8,12,141,0.01,0.98,0.12',
      '1773500400010,,,,,,,0.02,0.97,0.11',
      '1773500400020,,,,,,,0.03,0.96,0.10',
      '1773500400100,51.50001,-0.1,3.3,0.8,12,,0.04,0.95,0.09',
      '1773500401000,,,,,,142,,,',
    ].join('\n');
    const rec = decodeBytes(enc(single), 'unit.csv');
    expect(rec.format).toBe('player1-csv');
    expect(rec.unitId).toBe('P1-0042');
    expect(rec.device!.info.firmware).toBe('2.1.0');
    expect(Array.from(rec.gnss!.t)).toEqual([1773500400000, 1773500400100]);
    expect(Array.from(rec.imu!.t)).toEqual([1773500400000, 1773500400010, 1773500400020, 1773500400100]);
    expect(Array.from(rec.hr!.t)).toEqual([1773500400000, 1773500401000]);
    expect(Array.from(rec.hr!.bpm)).toEqual([141, 142]);
  });

  it('single file: an impossible position is refused with its line', () => {
    const bad = '# device_id=u\ntime,lat,lon,ax,ay,az\n1,51.5,-0.1,0,0,1\n2,151.5,-0.1,0,0,1\n';
    expect(() => readPlayer1Single(enc(bad), 'u.csv')).toThrowError(expect.objectContaining({ code: 'GNSS_RANGE', line: 4 }));
  });
});
