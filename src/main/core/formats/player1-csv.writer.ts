/**
 * Writes the Player1 CSV layout (see docs/formats/player1-csv.md). Used by the sample-session
 * generator, the demo and the benchmarks. Numbers are formatted by hand from scaled integers:
 * a 90-minute unit is ~600 000 rows and toFixed() per value would dominate the time.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { GnssStream, HrStream, ImuStream } from './canonical.ts';

export interface MetaRow {
  deviceId: string;
  playerName: string;
  position: string;
}

const PAD = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000'];
const SCALE = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

/** Fixed-point formatting with `d` decimals (d <= 8), identical to Number.prototype.toFixed for |v| < 1e7. */
export function fixed(v: number, d: number): string {
  if (!Number.isFinite(v)) return '';
  const s = SCALE[d];
  let n = Math.round(Math.abs(v) * s);
  const neg = v < 0 && n !== 0;
  if (d === 0) return (neg ? '-' : '') + n;
  const ip = Math.floor(n / s);
  n -= ip * s;
  const fs = String(n);
  return (neg ? '-' : '') + ip + '.' + PAD[d - fs.length] + fs;
}

class LineWriter {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writeMetaCsv(path: string, rows: MetaRow[]): void {
  const w = new LineWriter(path);
  w.line('device_id,player_name,position\n');
  for (const r of rows) w.line(`${csvField(r.deviceId)},${csvField(r.playerName)},${csvField(r.position)}\n`);
  w.close();
}

export function writeGpsCsv(path: string, gnss: GnssStream, hr: HrStream | null): void {
  const w = new LineWriter(path);
  w.line('time,lat,lon,speed,hdop,sats,hr\n');
  const n = gnss.t.length;
  for (let i = 0; i < n; i++) {
    const bpm = hr ? hr.bpm[i] : NaN;
    w.line(
      `${Math.round(gnss.t[i])},${fixed(gnss.lat[i], 7)},${fixed(gnss.lon[i], 7)},${fixed(gnss.speed[i], 2)},` +
        `${fixed(gnss.hdop[i], 1)},${fixed(gnss.sats[i], 0)},${Number.isFinite(bpm) ? Math.round(bpm) : 0}\n`,
    );
  }
  w.close();
}

export function writeImuCsv(path: string, imu: ImuStream): void {
  const w = new LineWriter(path);
  w.line('time,ax,ay,az\n');
  const n = imu.t.length;
  for (let i = 0; i < n; i++) {
    w.line(`${Math.round(imu.t[i])},${fixed(imu.ax[i], 3)},${fixed(imu.ay[i], 3)},${fixed(imu.az[i], 3)}\n`);
  }
  w.close();
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
