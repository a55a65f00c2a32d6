import { describe, expect, it } from 'vitest';
import { readPlayer1Gps, readPlayer1Imu } from '../../../src/main/core/formats/player1-csv.reader.ts';
import { personKey, parseMetaCsv } from '../../../src/main/core/formats/meta-csv.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const GPS_HEAD = 'time,lat,lon,speed,hdop,sats,hr\n';

describe('Player1 gps.csv', () => {
  it('yields GNSS and HR streams, with hr 0 (strap contact lost) as missing', () => {
    const r = readPlayer1Gps(enc(`${GPS_HEAD}1000,51.5,-0.1,1.5,0.9,12,150\n1100,51.50001,-0.1,1.6,1.1,11,0\n`), 'U1/gps.csv');
    expect(Array.from(r.gnss.t)).toEqual([1000, 1100]);
    expect(r.gnss.lat[1]).toBe(51.50001);
    expect(Array.from(r.gnss.sats)).toEqual([12, 11]);
    expect(r.hr!.bpm[0]).toBe(150);
    expect(r.hr!.bpm[1]).toBeNaN();
    expect(r.gnss.alt[0]).toBeNaN(); // no alt column: absent, not zero
  });

  it('gives no HR stream at all when every hr is 0', () => {
    const r = readPlayer1Gps(enc(`${GPS_HEAD}1000,51.5,-0.1,1,1,9,0\n1100,51.5,-0.1,1,1,9,0\n`), 'g.csv');
    expect(r.hr).toBeNull();
  });

  it('drops samples whose time repeats or goes back, and says how many', () => {
    const r = readPlayer1Gps(
      enc(`${GPS_HEAD}1000,1,1,0,1,9,0\n1100,1,1,0,1,9,0\n1100,2,2,0,1,9,0\n1050,3,3,0,1,9,0\n1200,4,4,0,1,9,0\n`),
      'g.csv',
    );
    expect(Array.from(r.gnss.t)).toEqual([1000, 1100, 1200]);
    expect(Array.from(r.gnss.lat)).toEqual([1, 1, 4]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'TIME_NOT_INCREASING', count: 2 }));
    // The first one dropped is named by its line (header = line 1, so 1000 is line 2, the second 1100 line 4).
    const p = r.problems.find((x) => x.code === 'TIME_NOT_INCREASING')!;
    expect(p.line).toBe(4);
    expect(p.message).toBe('2 GPS sample(s) repeat or go back in time; they were dropped (the first, at line 4, repeats 1970-01-01T00:00:01.100Z)');
  });

  it('names the line of the first sample out of order past blank lines, and of the first without a time', () => {
    const gps = readPlayer1Gps(enc(`${GPS_HEAD}1000,1,1,0,1,9,0\n\n1200,1,1,0,1,9,0\n\r\n1150,2,2,0,1,9,0\n`), 'g.csv');
    const back = gps.problems.find((x) => x.code === 'TIME_NOT_INCREASING')!;
    expect(back).toMatchObject({ line: 6, count: 1 });
    expect(back.message).toContain('is 1970-01-01T00:00:01.150Z, after 1970-01-01T00:00:01.200Z');
    const imu = readPlayer1Imu(enc('time,ax,ay,az\n0,0,0,1\n10,0,0,1\n,0,0,1\n30,0,0,1\n'), 'i.csv');
    expect(imu.problems.find((x) => x.code === 'TIME_MISSING')).toMatchObject({ line: 4, count: 1, message: '1 IMU sample(s) have no usable time (missing or infinite); they were dropped (the first at line 4)' });
  });

  it('refuses coordinates outside the valid range, naming the file', () => {
    expect(() => readPlayer1Gps(enc(`${GPS_HEAD}1000,95,0,0,1,9,0\n`), 'U7/gps.csv')).toThrowError(/U7\/gps\.csv line 2: lat 95, lon 0 is outside the valid range/);
  });

  it('refuses a file with a header and no samples', () => {
    expect(() => readPlayer1Gps(enc(GPS_HEAD), 'g.csv')).toThrowError(/no GPS samples/);
  });
});

describe('Player1 imu.csv', () => {
  it('yields an IMU stream in g', () => {
    const r = readPlayer1Imu(enc('time,ax,ay,az\n0,0,0,1\n10,0.5,-0.25,1.125\n'), 'i.csv');
    expect(Array.from(r.imu.ay)).toEqual([0, -0.25]);
    expect(r.imu.az[1]).toBe(1.125);
  });
});

describe('meta.csv', () => {
  it('reads device, player and position, with quoted names', () => {
    const m = parseMetaCsv('device_id,player_name,position\r\nA1,"Smith, Jo",CB\nB2,"Ann ""The Wall"" Lee",GK\n', 'meta.csv');
    expect(m).toEqual([
      { deviceId: 'A1', playerName: 'Smith, Jo', position: 'CB', shirtNumber: null, birthDate: null, line: 2 },
      { deviceId: 'B2', playerName: 'Ann "The Wall" Lee', position: 'GK', shirtNumber: null, birthDate: null, line: 3 },
    ]);
  });

  it('reads the details that tell two people of one name apart: shirt number and date of birth', () => {
    const m = parseMetaCsv('device_id,player_name,position,Shirt_Number,date_of_birth\nA1,Max Roberts,FB,#4,2001-03-02\nB2,Max Roberts,ST,,\n', 'meta.csv');
    expect(m.map((e) => [e.deviceId, e.shirtNumber, e.birthDate])).toEqual([
      ['A1', 4, '2001-03-02'],
      ['B2', null, null],
    ]);
    expect(personKey(m[0])).not.toBe(personKey(m[1]));
    expect(personKey({ ...m[1], playerName: ' max roberts ', position: 'st' })).toBe(personKey(m[1]));
    expect(() => parseMetaCsv('device_id,player_name,dob\nA1,X,2001-02-30\n', 'meta.csv')).toThrowError(/meta\.csv line 2: dob "2001-02-30" for A1 is not a date as YYYY-MM-DD/);
    expect(() => parseMetaCsv('device_id,player_name,shirt\nA1,X,ten\n', 'meta.csv')).toThrowError(/line 2: shirt "ten" for A1 is not a shirt number/);
  });

  it('names the line of a duplicate or empty device id', () => {
    expect(() => parseMetaCsv('device_id,player_name,position\nA1,X,\nA1,Y,\n', 'meta.csv')).toThrowError(
      /meta\.csv line 3: device_id A1 is listed twice \(also on line 2\)/,
    );
    expect(() => parseMetaCsv('device_id,player_name,position\n,X,\n', 'meta.csv')).toThrowError(/line 2: device_id is empty/);
  });

  it('refuses a file without the required columns', () => {
    expect(() => parseMetaCsv('id,name\nA,B\n', 'meta.csv')).toThrowError(/missing column 'device_id'/);
  });
});
