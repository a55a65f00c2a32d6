/**
 * The report's binary timeline series: packed and unpacked by hand-worked values (quantised to
 * 0.01 m/s, 1 bpm, 0.001 au; nulls kept; out-of-range clamped), and small enough: a 90-minute
 * 1 s series of a smooth trace packs to 5 bytes a second before gzip.
 */
import { describe, expect, it } from 'vitest';
import { joinPackedSeries, packedSeriesLength, packPlayerSeries, packSeries, unpackPlayerSeries, unpackSeries } from '../../../src/shared/domain/series-codec.ts';

describe('series codec', () => {
  it('round-trips several players to the stated resolution, nulls included', () => {
    const players = [
      { playerId: 'ä-1', series: { startMs: 1_773_482_400_000, stepS: 1, speedMs: [null, 0.004, 0.005, 3.456, 10.1, null], hrBpm: [null, 60.5, 200.49, 254, 300, 0], playerLoad: [0.0005, 0.0015, null, 1.2345, 0, 70] } },
      { playerId: 'b', series: { startMs: 0, stepS: 2, speedMs: [1, 2], hrBpm: null, playerLoad: null } },
    ];
    expect(unpackSeries(packSeries(players))).toEqual([
      // 0.004 → 0.00, 0.005 → 0.01 (Math.round), 3.456 → 3.46; HR 60.5 → 61, 200.49 → 200,
      // 300 → 254 (the 8-bit word's largest, 255, is null); PlayerLoad 0.0005 → 0.001, 1.2345 → 1.235
      // (1234.5 rounds up), 70 au → 65.534 (the 16-bit word's largest value short of null).
      { playerId: 'ä-1', series: { startMs: 1_773_482_400_000, stepS: 1, speedMs: [null, 0, 0.01, 3.46, 10.1, null], hrBpm: [null, 61, 200, 254, 254, 0], playerLoad: [0.001, 0.002, null, 1.235, 0, 65.534] } },
      { playerId: 'b', series: { startMs: 0, stepS: 2, speedMs: [1, 2], hrBpm: null, playerLoad: null } },
    ]);
  });

  it('packs 5 bytes per second of speed, HR and PlayerLoad, plus a small header', () => {
    const n = 5400;
    const series = { startMs: 0, stepS: 1, speedMs: Array.from({ length: n }, (_, i) => 3 + Math.sin(i / 30)), hrBpm: Array.from({ length: n }, () => 150), playerLoad: Array.from({ length: n }, () => 0.1) };
    // magic 4 + count 4 + id length 4 + id 1 + start 8 + step 8 + n 4 + flags 1 = 34, then 2 + 1 + 2 bytes a bin.
    expect(packSeries([{ playerId: 'x', series }])).toHaveLength(34 + 5 * n);
  });

  it("cuts a stream longer than speed's and pads a shorter one with nulls", () => {
    const series = { startMs: 0, stepS: 1, speedMs: [1, 2, 3], hrBpm: [100], playerLoad: [0.5, 0.25, 0.125, 9, 9] };
    // 0.125 au is 125 words exactly; the PlayerLoad values past speed's 3 bins are dropped.
    expect(unpackSeries(packSeries([{ playerId: 'x', series }]))).toEqual([
      { playerId: 'x', series: { startMs: 0, stepS: 1, speedMs: [1, 2, 3], hrBpm: [100, null, null], playerLoad: [0.5, 0.25, 0.125] } },
    ]);
  });

  it('a player\'s record, made where the series is computed, joins with others into exactly what packSeries writes', () => {
    const a = { playerId: 'ä-1', series: { startMs: 1_773_482_400_000, stepS: 1, speedMs: [null, 3.46, 10.1], hrBpm: [null, 61, 200], playerLoad: [0.001, null, 1.235] } };
    const b = { playerId: 'b', series: { startMs: 0, stepS: 2, speedMs: [1, 2], hrBpm: null, playerLoad: null } };
    const ra = packPlayerSeries(a);
    const rb = packPlayerSeries(b);
    // id length 4 + "ä-1" in UTF-8 (4 bytes) + start 8 + step 8 + n 4 + flags 1 = 29, then 5 bytes a bin; b: 4 + 1 + 21 + 2 bytes a bin.
    expect([ra.length, rb.length]).toEqual([29 + 5 * 3, 26 + 2 * 2]);
    expect(joinPackedSeries([ra, rb])).toEqual(packSeries([a, b]));
    expect(joinPackedSeries([rb])).toEqual(packSeries([b]));
    expect(joinPackedSeries([])).toEqual(packSeries([]));
    expect(unpackPlayerSeries(ra)).toEqual(a);
    expect([packedSeriesLength(ra), packedSeriesLength(rb)]).toEqual([3, 2]);
    // Two records are not one player's.
    expect(() => unpackPlayerSeries(joinPackedSeries([ra, rb]).subarray(8))).toThrow(/more bytes than its players/);
  });

  it('refuses bytes that are not timeline data, and data cut short', () => {
    expect(() => unpackSeries(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]))).toThrow('not timeline data');
    const packed = packSeries([{ playerId: 'x', series: { startMs: 0, stepS: 1, speedMs: [1, 2, 3], hrBpm: null, playerLoad: null } }]);
    expect(() => unpackSeries(packed.subarray(0, packed.length - 1))).toThrow('cut short');
  });
});
