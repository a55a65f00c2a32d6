/**
 * A participant who wore several units (a GNSS pod plus a watch or an HR strap): their decoded
 * recordings become one, each kind of stream (GNSS, accelerometer, heart rate) taken whole from
 * one unit, never interleaved across units (two receivers' fixes side by side would zig-zag and
 * add distance). Which unit gives each kind: the user's choice, else the default of
 * shared/domain/stream-sources.ts. A chosen unit without that kind of data falls back to the
 * default, with a warning. One unit: its files merged as always (merge-recordings.ts).
 *
 * This runs in the worker after decoding; it takes decoded recordings, however they were
 * obtained (read and decoded here, or from a decode cache).
 */
import type { DataFile } from '../../../shared/domain/session.ts';
import { STREAM_KIND_LABEL, STREAM_KINDS, type StreamKind, type StreamSource } from '../../../shared/domain/stream-sources.ts';
import type { Problem, Recording } from '../formats/canonical.ts';
import { mergeRecordings } from '../formats/merge-recordings.ts';

/** Which unit (by device id) each kind is taken from; a kind absent = automatic. */
export type DeviceChoice = Partial<Record<StreamKind, string>>;

export interface CombinedRecording {
  recording: Recording;
  /** Where each kind present came from (device id, chosen or automatic, why). */
  sources: Partial<Record<StreamKind, Omit<StreamSource, 'unitId'>>>;
}

/**
 * `files[i]` was decoded into `recordings[i]`; a file without a `deviceId` belongs to `mainDeviceId`.
 */
export function combineUnits(files: readonly DataFile[], recordings: readonly Recording[], mainDeviceId: string, choice: DeviceChoice = {}): CombinedRecording {
  const groups = new Map<string, Recording[]>();
  files.forEach((f, i) => {
    const unit = f.deviceId ?? mainDeviceId;
    const g = groups.get(unit);
    if (g) g.push(recordings[i]);
    else groups.set(unit, [recordings[i]]);
  });
  const units = [...groups.entries()].map(([deviceId, recs]) => ({ deviceId, rec: mergeRecordings(recs) }));
  if (units.length === 1) {
    const only = units[0];
    const sources: CombinedRecording['sources'] = {};
    for (const k of STREAM_KINDS) if (only.rec[k]) sources[k] = { deviceId: only.deviceId, how: 'automatic', why: 'the only unit' };
    return { recording: only.rec, sources };
  }

  const problems: Problem[] = units.flatMap((u) => u.rec.problems);
  const sources: CombinedRecording['sources'] = {};
  const picked: Partial<Record<StreamKind, Recording>> = {};
  for (const kind of STREAM_KINDS) {
    const having = units.filter((u) => (u.rec[kind]?.t.length ?? 0) > 0);
    if (having.length === 0) continue;
    const wanted = choice[kind];
    const chosen = wanted ? having.find((u) => u.deviceId.toLowerCase() === wanted.toLowerCase()) : undefined;
    if (wanted && !chosen) {
      problems.push({
        severity: 'warning',
        code: 'SOURCE_WITHOUT_DATA',
        message: `${STREAM_KIND_LABEL[kind]} was to come from ${wanted}, which has no ${STREAM_KIND_LABEL[kind].toLowerCase()} data in its files: it was taken from the default unit instead`,
        file: units.find((u) => u.deviceId.toLowerCase() === wanted.toLowerCase())?.rec.source ?? wanted,
      });
    }
    const best = chosen ?? bestFor(kind, having);
    picked[kind] = best.rec;
    sources[kind] = chosen
      ? { deviceId: chosen.deviceId, how: 'chosen', why: 'chosen on the session page' }
      : { deviceId: best.deviceId, how: 'automatic', why: having.length === 1 ? `the only unit with ${STREAM_KIND_LABEL[kind].toLowerCase()} data` : reason(kind, best.rec) };
  }
  return {
    recording: {
      format: [...new Set(units.map((u) => u.rec.format))].join('+'),
      source: units.map((u) => u.rec.source).join(', '),
      unitId: units[0].rec.unitId,
      gnss: picked.gnss?.gnss ?? null,
      imu: picked.imu?.imu ?? null,
      hr: picked.hr?.hr ?? null,
      problems,
    },
    sources,
  };
}

/** Samples per second over the stream's span (0 for fewer than two samples). */
export function streamRate(t: Float64Array | undefined): number {
  if (!t || t.length < 2) return 0;
  const span = (t[t.length - 1] - t[0]) / 1000;
  return span > 0 ? (t.length - 1) / span : 0;
}

interface UnitRec {
  deviceId: string;
  rec: Recording;
}

/** The default unit for a kind among those that have it (stream-sources.ts states the rule). */
function bestFor(kind: StreamKind, having: UnitRec[]): UnitRec {
  // A unit that records heart rate and nothing else is a strap: it is there for the heart rate.
  if (kind === 'hr') {
    const straps = having.filter((u) => !u.rec.gnss?.t.length && !u.rec.imu?.t.length);
    if (straps.length > 0) having = straps;
  }
  const rate = (u: UnitRec) => Math.round(streamRate(u.rec[kind]?.t) * 10) / 10; // 0.1 Hz steps: jitter is no difference
  return having.reduce((a, b) => {
    const ra = rate(a);
    const rb = rate(b);
    if (rb !== ra) return rb > ra ? b : a;
    return (b.rec[kind]?.t.length ?? 0) > (a.rec[kind]?.t.length ?? 0) ? b : a;
  });
}

function reason(kind: StreamKind, rec: Recording): string {
  const hz = streamRate(rec[kind]?.t);
  const rateText = hz === 0 ? 'a single sample' : hz >= 1 ? `${Math.round(hz * 10) / 10} Hz` : `one sample every ${Math.round(1 / hz)} s`;
  if (kind === 'hr' && !rec.gnss?.t.length && !rec.imu?.t.length) return `a heart-rate-only unit, ${rateText}`;
  return `the highest ${STREAM_KIND_LABEL[kind] === 'GNSS' ? 'GNSS' : STREAM_KIND_LABEL[kind].toLowerCase()} rate, ${rateText}`;
}
