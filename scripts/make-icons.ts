/**
 * Draws the app icon (a green pitch with its halfway line and centre circle, and a white GPS
 * pin) as vectors, rasterised here with 4×4 supersampling, and writes the icon set electron-builder
 * needs into build/: icons/<n>x<n>.png (Linux), icon.png (512), icon.ico (Windows: PNG entries),
 * icon.icns (macOS: PNG entries). No dependencies: PNG is written with node:zlib.
 * `node scripts/make-icons.ts` (the outputs are committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = join(import.meta.dirname, '..', 'build');
type RGBA = [number, number, number, number];

/** The icon at unit scale (0..1): colour of point (x, y), or null for transparent. */
function shade(x: number, y: number): RGBA | null {
  const r = 0.09;
  const inRounded = (() => {
    const cx = Math.min(Math.max(x, r + 0.04), 1 - r - 0.04);
    const cy = Math.min(Math.max(y, r + 0.04), 1 - r - 0.04);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0.04 && x <= 0.96 && y >= 0.04 && y <= 0.96;
  })();
  if (!inRounded) return null;
  const white: RGBA = [255, 255, 255, 255];
  // The GPS pin: a circle head and a point below it.
  const px = 0.5;
  const py = 0.4;
  const d = Math.hypot(x - px, y - py);
  const inHead = d <= 0.2;
  const inTail = y > py && y < 0.78 && Math.abs(x - px) <= 0.2 * (0.78 - y) / (0.78 - py) * 0.9;
  if ((inHead || inTail) && !(d <= 0.08)) return white;
  if (d <= 0.08) return [21, 128, 61, 255];
  // Pitch lines.
  const line = 0.018;
  if (Math.abs(x - 0.5) < line / 2 && (y < 0.16 || y > 0.8)) return [220, 252, 231, 255];
  const stripe = Math.floor(x * 8) % 2 === 0;
  return stripe ? [22, 163, 74, 255] : [21, 128, 61, 255];
}

function render(size: number): Buffer {
  const ss = 4;
  const rows: Buffer[] = [];
  for (let j = 0; j < size; j++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let i = 0; i < size; i++) {
      let rr = 0, gg = 0, bb = 0, aa = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          const c = shade((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size);
          if (!c) continue;
          rr += c[0]; gg += c[1]; bb += c[2]; aa += 255;
        }
      }
      const n = ss * ss;
      const a = aa / n;
      const k = aa > 0 ? 255 / aa : 0;
      row.set([Math.round(rr * k), Math.round(gg * k), Math.round(bb * k), Math.round(a)], 1 + i * 4);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function ico(pngs: [number, Buffer][]): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const dir = pngs.map(([size, data]) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([head, ...dir, ...pngs.map(([, d]) => d)]);
}

function icns(entries: [string, Buffer][]): Buffer {
  const parts = entries.map(([type, data]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([h, body]);
}

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(sizes.map((s) => [s, render(s)]));
mkdirSync(join(OUT, 'icons'), { recursive: true });
for (const s of sizes.filter((s) => s <= 512)) writeFileSync(join(OUT, 'icons', `${s}x${s}.png`), pngs.get(s)!);
writeFileSync(join(OUT, 'icon.png'), pngs.get(512)!);
writeFileSync(join(OUT, 'icon.ico'), ico([16, 32, 48, 64, 128, 256].map((s) => [s, pngs.get(s)!])));
writeFileSync(join(OUT, 'icon.icns'), icns([['icp4', pngs.get(16)!], ['icp5', pngs.get(32)!], ['ic07', pngs.get(128)!], ['ic08', pngs.get(256)!], ['ic09', pngs.get(512)!], ['ic10', pngs.get(1024)!]]));
console.log(`icons written to ${OUT}`);
