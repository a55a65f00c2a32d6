/**
 * `player1 inspect <file>`: what a reader sees in a file (format, unit id, time range, sample
 * counts and rates, the problems found), so a sports scientist can check a file before a session
 * and anyone can check a reader from outside. `--samples out.csv` writes the decoded canonical
 * streams, one row per sample.
 */
import { open, rename, rm } from 'node:fs/promises';
import type { CliCommand, CliIo } from '../command.ts';
import type { Recording } from '../../core/formats/canonical.ts';
import { FormatError } from '../../core/formats/format-error.ts';
import { READABLE_ANYWAY } from '../../core/formats/fit.reader.ts';
import { decodeFile } from '../../core/formats/decode-file.ts';
import type { DecodeOptions } from '../../core/formats/decode-file.ts';
import { readerById } from '../../core/formats/registry.ts';
import { streamStats } from '../../core/formats/stream-stats.ts';

export const SAMPLES_HEADER = 'stream,time_ms,lat,lon,speed_ms,hdop,sats,alt_m,hr_bpm,ax_g,ay_g,az_g';

const USAGE = `player1 inspect <file> [options]
  --samples <out.csv>    write the decoded streams: ${SAMPLES_HEADER}
  --format <id>          use this reader instead of detecting the format
  --tz <zone>            time zone of a unit on local time (IANA name or +hh:mm); default UTC
  --reference <date>     when the file was downloaded (ISO date): enables the GPS week-rollover fix
  --ignore-checksums     read a file whose checksum fails (FIT CRC), keeping complete messages
  --json                 print the summary as JSON`;

interface Args {
  file: string;
  samples: string | null;
  json: boolean;
  options: DecodeOptions;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | null = null;
  let samples: string | null = null;
  let json = false;
  const options: DecodeOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | null => (i + 1 < argv.length ? argv[++i] : null);
    if (a === '--samples') {
      samples = value();
      if (!samples) return '--samples needs an output file';
    } else if (a === '--format') {
      const v = value();
      if (!v || !readerById(v)) return `--format needs a reader id${v ? ` ('${v}' is not one)` : ''}`;
      options.format = v;
    } else if (a === '--tz') {
      const v = value();
      if (!v) return '--tz needs a time zone';
      options.timeZone = v;
    } else if (a === '--reference') {
      const v = value();
      const ms = v ? Date.parse(v) : NaN;
      if (!Number.isFinite(ms)) return `--reference needs an ISO date such as 2026-03-14 (got ${v ?? 'nothing'})`;
      options.referenceMs = ms;
    } else if (a === '--ignore-checksums') {
      options.ignoreChecksums = true;
    } else if (a === '--json') {
      json = true;
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else if (file === null) {
      file = a;
    } else return `one file at a time (got ${file} and ${a})`;
  }
  if (file === null) return 'which file?';
  return { file, samples, json, options };
}

export interface StreamSummary {
  samples: number;
  first: string | null;
  last: string | null;
  durationS: number;
  medianStepMs: number | null;
  rateHz: number | null;
  /** Fields with at least one value, for GNSS. */
  fields?: string[];
}

export interface InspectSummary {
  file: string;
  format: string;
  label: string;
  unitId: string | null;
  gnss: StreamSummary | null;
  imu: StreamSummary | null;
  hr: StreamSummary | null;
  device: Recording['device'] | null;
  problems: Recording['problems'];
}

export function summarize(rec: Recording): InspectSummary {
  const g = rec.gnss;
  const gnss = g ? streamSummary(g.t) : null;
  if (gnss && g) {
    const fields: string[] = [];
    for (const [name, col] of [
      ['lat', g.lat],
      ['lon', g.lon],
      ['speed', g.speed],
      ['hdop', g.hdop],
      ['sats', g.sats],
      ['alt', g.alt],
      ['distance', g.distance],
    ] as const) {
      if (col && col.some((v) => !Number.isNaN(v))) fields.push(name);
    }
    gnss.fields = fields;
  }
  return {
    file: rec.source,
    format: rec.format,
    label: readerById(rec.format)?.label ?? rec.format,
    unitId: rec.unitId,
    gnss,
    imu: rec.imu ? streamSummary(rec.imu.t) : null,
    hr: rec.hr ? streamSummary(rec.hr.t) : null,
    device: rec.device ?? null,
    problems: rec.problems,
  };
}

function streamSummary(t: Float64Array): StreamSummary {
  const s = streamStats(t);
  return {
    samples: s.samples,
    first: s.firstMs !== null ? iso(s.firstMs) : null,
    last: s.lastMs !== null ? iso(s.lastMs) : null,
    durationS: s.firstMs !== null && s.lastMs !== null && s.samples > 1 ? (s.lastMs - s.firstMs) / 1000 : 0,
    medianStepMs: s.medianStepMs,
    rateHz: s.rateHz,
  };
}

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(Math.round(ms)).toISOString() : String(ms);
}

function duration(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s - h * 3600 - m * 60;
  return `${h > 0 ? `${h} h ` : ''}${h > 0 || m > 0 ? `${m} min ` : ''}${sec.toFixed(1)} s`;
}

function rate(hz: number | null): string {
  if (hz === null) return 'rate n/a';
  return `${hz >= 10 ? hz.toFixed(1) : hz.toPrecision(3)} Hz`;
}

export function formatSummary(s: InspectSummary): string {
  const out: string[] = [];
  out.push(`file      ${s.file}`);
  out.push(`format    ${s.format} (${s.label})`);
  out.push(`unit      ${s.unitId ?? '-'}`);
  for (const [name, st] of [
    ['GNSS', s.gnss],
    ['IMU', s.imu],
    ['HR', s.hr],
  ] as const) {
    if (!st) {
      out.push(`${name.padEnd(10)}none`);
      continue;
    }
    out.push(`${name.padEnd(10)}${st.samples} samples, ${st.first} .. ${st.last} (${duration(st.durationS)}), median step ${st.medianStepMs === null ? 'n/a' : `${+st.medianStepMs.toFixed(3)} ms`} = ${rate(st.rateHz)}`);
    if (st.fields) out.push(`          fields: ${st.fields.join(', ')}`);
  }
  const d = s.device;
  if (d) {
    for (const [k, v] of Object.entries(d.info)) out.push(`device    ${k}: ${v}`);
    const counts = Object.entries(d.counts);
    if (counts.length > 0) out.push(`counts    ${counts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const [what, list] of [
      ['session', d.sessions],
      ['lap', d.laps],
    ] as const) {
      list.slice(0, 20).forEach((x, i) => {
        const parts = Object.entries(x)
          .filter(([k, v]) => k !== 'startMs' && v !== undefined)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toFixed(3) : v}`);
        out.push(`${what.padEnd(10)}${i + 1}: ${x.startMs !== null ? iso(x.startMs) + ' ' : ''}${parts.join(', ')}`);
      });
      if (list.length > 20) out.push(`          ... ${list.length - 20} more ${what}s`);
    }
  }
  if (s.problems.length === 0) out.push('problems  none');
  else {
    out.push(`problems  ${s.problems.length}`);
    for (const p of s.problems) {
      const where = p.line != null ? ` (line ${p.line})` : p.offset != null ? ` (byte ${p.offset})` : '';
      out.push(`  ${p.severity.padEnd(8)}${p.code}${where}: ${p.message}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Write the canonical streams as CSV, atomically (a temp file renamed into place). */
export async function writeSamplesCsv(rec: Recording, path: string): Promise<number> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  let rows = 0;
  try {
    let buf = SAMPLES_HEADER + '\n';
    const flush = async (force: boolean) => {
      if (buf.length > 1 << 20 || (force && buf.length > 0)) {
        await fh.write(buf);
        buf = '';
      }
    };
    const f = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
    const g = rec.gnss;
    if (g) {
      for (let i = 0; i < g.t.length; i++) {
        buf += `gnss,${f(g.t[i])},${f(g.lat[i])},${f(g.lon[i])},${f(g.speed[i])},${f(g.hdop[i])},${f(g.sats[i])},${f(g.alt[i])},,,,\n`;
        rows++;
        await flush(false);
      }
    }
    const h = rec.hr;
    if (h) {
      for (let i = 0; i < h.t.length; i++) {
        buf += `hr,${f(h.t[i])},,,,,,,${f(h.bpm[i])},,,\n`;
        rows++;
        await flush(false);
      }
    }
    const m = rec.imu;
    if (m) {
      for (let i = 0; i < m.t.length; i++) {
        buf += `imu,${f(m.t[i])},,,,,,,,${f(m.ax[i])},${f(m.ay[i])},${f(m.az[i])}\n`;
        rows++;
        await flush(false);
      }
    }
    await flush(true);
    await fh.close();
    await rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  return rows;
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'show what a reader sees in a device file (format, unit, times, rates, problems)',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === 'string') {
      io.stderr(`inspect: ${args}\n\nusage: ${USAGE}\n`);
      return 2;
    }
    let rec: Recording;
    try {
      rec = await decodeFile(args.file, args.options);
    } catch (e) {
      if (e instanceof FormatError) {
        if (args.json) io.stdout(JSON.stringify({ file: e.file, error: { code: e.code, message: e.message, line: e.line, offset: e.offset } }, null, 2) + '\n');
        else io.stderr(`error ${e.code}: ${e.message}${READABLE_ANYWAY.has(e.code) && !args.options.ignoreChecksums ? ' Run again with --ignore-checksums to read them.' : ''}\n`);
        return 1;
      }
      throw e;
    }
    const summary = summarize(rec);
    if (args.json) io.stdout(JSON.stringify(summary, null, 2) + '\n');
    else io.stdout(formatSummary(summary));
    if (args.samples) {
      try {
        const rows = await writeSamplesCsv(rec, args.samples);
        if (!args.json) io.stdout(`samples   ${rows} rows written to ${args.samples}\n`);
      } catch (e) {
        io.stderr(`inspect: cannot write ${args.samples}: ${(e as Error).message}\n`);
        return 1;
      }
    }
    return 0;
  },
};
