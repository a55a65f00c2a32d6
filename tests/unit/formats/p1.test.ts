import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { encodeP1 } from '../../../src/main/core/formats/p1.writer.ts';
import { decodeP1, readP1Header } from '../../../src/main/core/formats/p1.reader.ts';
import { FormatError } from '../../../src/main/core/formats/format-error.ts';
import type { GnssStream, HrStream, ImuStream } from '../../../src/main/core/formats/canonical.ts';
import { emptyGnss } from '../../../src/main/core/formats/canonical.ts';

const T0 = Date.UTC(2026, 2, 14, 15, 0, 0); // 2026-03-14T15:00:00Z

function gnss(n: number): GnssStream {
  const g = emptyGnss(n);
  for (let i = 0; i < n; i++) {
    g.t[i] = T0 + i * 100;
    g.lat[i] = 51.5 + i * 1e-6;
    g.lon[i] = -0.125 - i * 1e-6;
    g.speed[i] = (i % 90) / 10;
    g.hdop[i] = 0.8;
    g.sats[i] = 12;
    g.alt[i] = 21.5;
  }
  return g;
}

function imu(n: number): ImuStream {
  const m: ImuStream = { t: new Float64Array(n), ax: new Float64Array(n), ay: new Float64Array(n), az: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    m.t[i] = T0 + i * 10;
    // a 16-bit sensor's readings at ±16 g (multiples of 1/2048 g) are exact in float32
    m.ax[i] = ((i % 64) - 32) / 2048;
    m.ay[i] = 0.5;
    m.az[i] = -1;
  }
  return m;
}

function hr(n: number): HrStream {
  const h: HrStream = { t: new Float64Array(n), bpm: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    h.t[i] = T0 + i * 1000;
    h.bpm[i] = i === 3 ? NaN : 120 + (i % 60);
  }
  return h;
}

describe('P1 binary: writer and reader', () => {
  it('round-trips every stream at the documented resolution', () => {
    const g = gnss(700);
    // values that need rounding, worked out by hand from the documented scales:
    g.lat[1] = 51.12345678; // 1e-7 deg -> 511234568 -> 51.1234568
    g.lon[1] = -0.00000004; // -> -0.4 -> -0 (rounds to zero)
    g.speed[1] = 7.456; // cm/s -> 746 -> 7.46
    g.hdop[1] = 1.25; // tenths -> round(12.5) = 13 -> 1.3
    g.alt[1] = NaN; // absent stays absent
    g.speed[2] = NaN;
    const bytes = encodeP1({ unitId: 'P1-0042', firmware: '2.1.0', startMs: T0, gnss: g, imu: imu(5000), hr: hr(10) });
    const rec = decodeP1(bytes, 'unit.p1');
    expect(rec.format).toBe('p1');
    expect(rec.unitId).toBe('P1-0042');
    expect(rec.device?.info.firmware).toBe('2.1.0');
    expect(rec.problems).toEqual([]);
    const rg = rec.gnss!;
    expect(rg.t.length).toBe(700);
    expect(rg.t[0]).toBe(T0);
    expect(rg.t[699]).toBe(T0 + 69900);
    expect(rg.lat[1]).toBe(51.1234568);
    expect(Object.is(rg.lon[1], -0) || rg.lon[1] === 0).toBe(true);
    expect(rg.speed[1]).toBe(7.46);
    expect(rg.hdop[1]).toBe(1.3);
    expect(rg.alt[1]).toBeNaN();
    expect(rg.speed[2]).toBeNaN();
    expect(rg.lat[10]).toBe(51.50001); // 51.5 + 10e-6
    expect(rg.sats[5]).toBe(12);
    const m = rec.imu!;
    expect(m.t.length).toBe(5000);
    expect(m.t[4999]).toBe(T0 + 49990);
    expect(m.ax[0]).toBe(-32 / 2048);
    expect(m.ay[7]).toBe(0.5);
    expect(m.az[4321]).toBe(-1);
    const h = rec.hr!;
    expect(Array.from(h.bpm.subarray(0, 5))).toEqual([120, 121, 122, NaN, 124]);
  });

  it('states the header fields a unit needs', () => {
    const bytes = encodeP1({ unitId: 'P1-7', startMs: T0, gnss: gnss(50), imu: imu(500), hr: null, imuRangeG: 8 });
    const h = readP1Header(bytes, 'x.p1');
    expect(h).toMatchObject({ version: 1, unitId: 'P1-7', firmware: '', startMs: T0, imuRangeG: 8, gnssHz: 10, imuHz: 100, hrHz: 0 });
  });

  it('keeps IMU as float32 g (beyond the range too, NaN as NaN), and fractional-ms times to the µs', () => {
    const m = imu(3);
    m.ax[0] = 40; // beyond ±16 g: stored as given, no saturation in the format
    m.ax[1] = 0.1; // not a float32: rounds to the nearest float32, 0.100000001490116...
    m.ay[2] = NaN;
    m.t[2] = m.t[1] + 9.615; // a 104 Hz sensor's step
    const rec = decodeP1(encodeP1({ unitId: 'u', startMs: T0, gnss: null, imu: m, hr: null }), 'x.p1');
    expect(rec.imu!.ax[0]).toBe(40);
    expect(rec.imu!.ax[1]).toBe(Math.fround(0.1));
    expect(Math.abs(rec.imu!.ax[1] - 0.1)).toBeLessThan(1e-8); // float32: 24-bit mantissa, ~1 µg at 16 g
    expect(rec.imu!.ay[2]).toBeNaN();
    // stored as whole µs after the block start: within half a µs of the input time
    expect(Math.abs(rec.imu!.t[2] - m.t[2])).toBeLessThanOrEqual(0.0005);
  });

  it('loses only the damaged block, says where, and keeps everything else', () => {
    const bytes = encodeP1({ unitId: 'u', startMs: T0, gnss: gnss(600), imu: null, hr: null, blockSamples: { gnss: 100 } });
    // Blocks of 100 GNSS samples: 32-byte header + 5 columns of 400 bytes (u32/i32 x100) + 200 + 104 + 104.
    const blockBytes = 32 + 4 * 400 + 200 + 104 + 104;
    const third = 96 + 2 * blockBytes; // the third block starts here
    const damaged = bytes.slice();
    damaged[third + 32 + 500] ^= 0x10; // one bit in its payload
    const rec = decodeP1(damaged, 'x.p1');
    expect(rec.gnss!.t.length).toBe(500);
    // the gap is exactly the third block: samples 200..299 (20.0 s .. 29.9 s)
    expect(rec.gnss!.t[199]).toBe(T0 + 19900);
    expect(rec.gnss!.t[200]).toBe(T0 + 30000);
    const bad = rec.problems.find((p) => p.code === 'P1_BAD_BLOCK')!;
    expect(bad.severity).toBe('warning');
    expect(bad.offset).toBe(third);
    expect(bad.message).toContain('100 GNSS samples');
    const lost = rec.problems.find((p) => p.code === 'P1_LOST_SAMPLES')!;
    expect(lost.count).toBe(100);
  });

  it('resynchronises after a damaged block header and a cut file', () => {
    const bytes = encodeP1({ unitId: 'u', startMs: T0, gnss: null, imu: imu(4000), hr: null, blockSamples: { imu: 1000 } });
    const blockBytes = 32 + 4000 + 3 * 4000; // u32 x1000 + 3 x f32 x1000
    const damaged = bytes.slice();
    damaged.fill(0xff, 96 + 4, 96 + 20); // the first block's type, count and length fields
    const rec = decodeP1(damaged, 'x.p1');
    expect(rec.imu!.t.length).toBe(3000);
    expect(rec.imu!.t[0]).toBe(T0 + 10000);
    expect(rec.problems.map((p) => p.code)).toContain('P1_BAD_BLOCK');

    // Damaged count and length fields that agree with each other, so block 2 claims to run far past
    // the end of the file: 65,535 IMU samples = 4 x pad8(4 x 65535) = 4 x 262,144 = 1,048,576 bytes.
    // Only that block is lost.
    const longer = bytes.slice();
    const dvl = new DataView(longer.buffer);
    dvl.setUint32(96 + blockBytes + 12, 65535, true);
    dvl.setUint32(96 + blockBytes + 16, 1_048_576, true);
    const rec1 = decodeP1(longer, 'x.p1');
    expect(rec1.imu!.t.length).toBe(3000);
    expect(rec1.imu!.t[1000]).toBe(T0 + 20000); // block 2 (10.00-19.99 s) is the gap
    expect(rec1.problems.find((p) => p.code === 'P1_BAD_BLOCK')?.offset).toBe(96 + blockBytes);

    // Cut inside the last data block: the three complete blocks before it survive.
    const cut = bytes.subarray(0, 96 + 3 * blockBytes + 100);
    const rec2 = decodeP1(cut, 'x.p1');
    expect(rec2.imu!.t.length).toBe(3000);
    const trunc = rec2.problems.find((p) => p.code === 'P1_TRUNCATED')!;
    expect(trunc.offset).toBe(96 + 3 * blockBytes);
    // A file cut exactly between blocks has no end marker: said so.
    const rec3 = decodeP1(bytes.subarray(0, 96 + 2 * blockBytes), 'x.p1');
    expect(rec3.imu!.t.length).toBe(2000);
    expect(rec3.problems.map((p) => p.code)).toEqual(['P1_NO_END']);
  });

  it('refuses a damaged header, a newer version and a file with no samples, naming the place', () => {
    const bytes = encodeP1({ unitId: 'u', startMs: T0, gnss: gnss(10), imu: null, hr: null });
    const badHeader = bytes.slice();
    badHeader[30] ^= 1;
    expect(() => decodeP1(badHeader, 'a.p1')).toThrowError(expect.objectContaining({ code: 'P1_HEADER', file: 'a.p1', offset: 0 }));

    const v2 = bytes.slice();
    v2[8] = 2;
    new DataView(v2.buffer).setUint32(92, crc32(v2.subarray(0, 92)), true);
    expect(() => decodeP1(v2, 'b.p1')).toThrowError(expect.objectContaining({ code: 'P1_VERSION', offset: 8 }));

    const empty = encodeP1({ unitId: 'u', startMs: T0, gnss: null, imu: null, hr: null });
    expect(() => decodeP1(empty, 'c.p1')).toThrowError(FormatError);
    expect(() => decodeP1(empty, 'c.p1')).toThrowError(/no samples/);
    expect(() => decodeP1(bytes.subarray(0, 50), 'd.p1')).toThrowError(expect.objectContaining({ code: 'P1_TRUNCATED', offset: 50 }));
  });

  it('decodes from an unaligned buffer (a slice of a bigger read)', () => {
    const bytes = encodeP1({ unitId: 'u', startMs: T0, gnss: gnss(20), imu: imu(200), hr: null });
    const bigger = new Uint8Array(bytes.length + 3);
    bigger.set(bytes, 3);
    const rec = decodeP1(bigger.subarray(3), 'x.p1');
    expect(rec.imu!.t.length).toBe(200);
    expect(rec.gnss!.lat[3]).toBe(51.500003);
    // a Node Buffer at an odd offset (Buffer#slice shares memory, so the copy must be explicit)
    const pooled = Buffer.alloc(bytes.length + 5);
    pooled.set(bytes, 5);
    expect(decodeP1(pooled.subarray(5), 'y.p1').gnss!.lat[3]).toBe(51.500003);
  });

  it('a 90-minute file (10 Hz GNSS, 100 Hz IMU, 1 Hz HR) is far under 100 MB', () => {
    // From the layout (docs/formats/p1.md): GNSS 20 B/fix, IMU 16 B/sample, HR 5 B/sample, plus
    // 32-byte block headers and 8-byte column padding:
    // 54,000 x 20 + 540,000 x 16 + 5,400 x 5 = 9.747 MB of samples.
    const bytes = encodeP1({ unitId: 'u', startMs: T0, gnss: gnss(54_000), imu: imu(540_000), hr: hr(5_400) });
    expect(bytes.length).toBeGreaterThan(9_747_000);
    expect(bytes.length).toBeLessThan(9_747_000 * 1.01);
  });
});
