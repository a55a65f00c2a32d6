/**
 * A player's effort lists as the report file embeds them (`players[].efforts` of its model,
 * docs/formats/report-efforts.md): each list as columns of numbers instead of an object per
 * effort, the start times as differences. The same values, exactly (unpack(pack(x)) equals x): only
 * the key names and the epoch's leading digits are left out, which were ~80 % of the text. For 25
 * players × 90 minutes the ~4 500 efforts take ~0.15 MB so, ~0.55 MB as objects.
 */
import type { EffortBand, EffortLists, EffortRecord } from './player-result.ts';

/** One list of efforts, as columns in time order (one entry per effort in each). */
export interface PackedEffortColumns {
  /** Start, UTC epoch ms: the first as it is, each next as the ms after the one before. */
  t: number[];
  /** Duration, s. */
  d: number[];
  /** Distance, m. */
  m: number[];
  /** Smoothed speed at the first sample, at the last, and the highest, m/s. */
  v0: number[];
  v1: number[];
  vx: number[];
  /** Peak acceleration, m/s² (null: that effort has none); absent when no effort in the list has one. */
  pk?: (number | null)[];
}

export interface PackedEffortLists {
  sprints: PackedEffortColumns;
  accels: { thresholdMs2: number; efforts: PackedEffortColumns }[];
  decels: { thresholdMs2: number; efforts: PackedEffortColumns }[];
}

function packColumns(list: readonly EffortRecord[]): PackedEffortColumns {
  const out: PackedEffortColumns = { t: [], d: [], m: [], v0: [], v1: [], vx: [] };
  let prev = 0;
  const pk: (number | null)[] = [];
  for (const e of list) {
    out.t.push(e.startMs - prev);
    prev = e.startMs;
    out.d.push(e.durationS);
    out.m.push(e.distanceM);
    out.v0.push(e.startSpeedMs);
    out.v1.push(e.endSpeedMs);
    out.vx.push(e.maxSpeedMs);
    pk.push(e.peakAccelMs2 ?? null);
  }
  if (pk.some((v) => v != null)) out.pk = pk;
  return out;
}

function unpackColumns(c: PackedEffortColumns): EffortRecord[] {
  const out: EffortRecord[] = [];
  let at = 0;
  for (let i = 0; i < c.t.length; i++) {
    at += c.t[i];
    const e: EffortRecord = { startMs: at, durationS: c.d[i], distanceM: c.m[i], startSpeedMs: c.v0[i], endSpeedMs: c.v1[i], maxSpeedMs: c.vx[i] };
    const pk = c.pk?.[i];
    if (pk != null) e.peakAccelMs2 = pk;
    out.push(e);
  }
  return out;
}

const packBand = (b: EffortBand) => ({ thresholdMs2: b.thresholdMs2, efforts: packColumns(b.efforts) });

export function packEfforts(e: EffortLists): PackedEffortLists {
  return { sprints: packColumns(e.sprints), accels: e.accels.map(packBand), decels: e.decels.map(packBand) };
}

export function unpackEfforts(p: PackedEffortLists): EffortLists {
  const band = (b: PackedEffortLists['accels'][number]): EffortBand => ({ thresholdMs2: b.thresholdMs2, efforts: unpackColumns(b.efforts) });
  return { sprints: unpackColumns(p.sprints), accels: p.accels.map(band), decels: p.decels.map(band) };
}
