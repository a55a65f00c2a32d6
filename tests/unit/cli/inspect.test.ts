import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES_HEADER } from '../../../src/main/cli/commands/inspect.command.ts';
import { main } from '../../../src/main/cli/main.ts';
import { encodeP1 } from '../../../src/main/core/formats/p1.writer.ts';
import { HAS_SHARED_DATA, SHARED_DATA_SKIP_REASON, sharedData } from '../../support/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'p1-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // Through the CLI's entry, so the command's registration is tested too.
  const code = await main(['inspect', ...argv], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const T0 = Date.UTC(2026, 2, 14, 15, 0, 0);

function unitFile(): string {
  const n = 50;
  const t = Float64Array.from({ length: n }, (_, i) => T0 + i * 100);
  const path = join(dir, 'unit.p1');
  writeFileSync(
    path,
    encodeP1({
      unitId: 'P1-0042',
      firmware: '2.1.0',
      startMs: T0,
      gnss: { t, lat: t.map((_, i) => 51.5 + i * 1e-6), lon: t.map(() => -0.125), speed: t.map(() => 3.5), hdop: t.map(() => 0.8), sats: t.map(() => 12), alt: t.map(() => NaN) },
      imu: { t: Float64Array.from({ length: 500 }, (_, i) => T0 + i * 10), ax: new Float64Array(500), ay: new Float64Array(500), az: new Float64Array(500).fill(1) },
      hr: null,
    }),
  );
  return path;
}

describe('player1 inspect', () => {
  it('prints format, unit, UTC time range, counts and the median-step rate', async () => {
    const { code, out } = await run(unitFile());
    expect(code).toBe(0);
    expect(out).toContain('format    p1 (Player1 unit binary (P1))');
    expect(out).toContain('unit      P1-0042');
    // 50 fixes every 100 ms: 15:00:00.000 .. 15:00:04.900, 10 Hz; 500 IMU samples every 10 ms: 100 Hz
    expect(out).toContain('GNSS      50 samples, 2026-03-14T15:00:00.000Z .. 2026-03-14T15:00:04.900Z (4.9 s), median step 100 ms = 10.0 Hz');
    expect(out).toContain('IMU       500 samples, 2026-03-14T15:00:00.000Z .. 2026-03-14T15:00:04.990Z (5.0 s), median step 10 ms = 100.0 Hz');
    expect(out).toContain('HR        none');
    expect(out).toContain('firmware: 2.1.0');
    expect(out).toContain('problems  none');
  });

  it('--samples writes every canonical sample, empty where absent, and the values read back exactly', async () => {
    const csv = join(dir, 'samples.csv');
    const { code } = await run(unitFile(), '--samples', csv);
    expect(code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(SAMPLES_HEADER);
    expect(lines.length).toBe(1 + 50 + 500);
    expect(lines[1]).toBe(`gnss,${T0},51.5,-0.125,3.5,0.8,12,,,,,`);
    expect(lines[11]).toBe(`gnss,${T0 + 1000},51.50001,-0.125,3.5,0.8,12,,,,,`);
    expect(lines[51]).toBe(`imu,${T0},,,,,,,,0,0,1`);
  });

  it('--json prints the summary as JSON; problems carry their place', async () => {
    const { out } = await run(unitFile(), '--json');
    const s = JSON.parse(out);
    expect(s).toMatchObject({ format: 'p1', unitId: 'P1-0042', gnss: { samples: 50, medianStepMs: 100, rateHz: 10 }, hr: null });
  });

  it('a bad file exits 1 with the code and place; bad usage exits 2', async () => {
    const bad = join(dir, 'bad.p1');
    const bytes = readFileSync(unitFile());
    bytes[30] ^= 0xff; // inside the header: its CRC fails
    writeFileSync(bad, bytes);
    const r = await run(bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error P1_HEADER: bad.p1 at byte 0:');
    expect((await run()).code).toBe(2);
    expect((await run(bad, '--reference', 'yesterday')).code).toBe(2);
    expect((await run(bad, '--bogus')).err).toContain('unknown option --bogus');
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`player1 inspect on real files${HAS_SHARED_DATA ? '' : ` — skipped: ${SHARED_DATA_SKIP_REASON}`}`, () => {
  it('test.tcx: both streams in the samples file; a damaged FIT is readable with --ignore-checksums', async () => {
    const csv = join(dir, 'tcx.csv');
    const { code, out } = await run(sharedData('tcx-tcxparser', 'test.tcx'), '--samples', csv);
    expect(code).toBe(0);
    expect(out).toContain('unit      3854007508');
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    expect(rows.filter((r) => r.startsWith('gnss,')).length).toBe(383);
    expect(rows.filter((r) => r.startsWith('hr,')).length).toBe(383);
    expect(rows[0]).toBe('gnss,1356557393000,35.951880198,-79.0931872185,,,,178.942626953,,,,');

    const strict = await run(sharedData('fit-fitparse', 'activity-filecrc.fit'));
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('FIT_CRC');
    // The command line says its own way to read it anyway.
    expect(strict.err).toContain('Run again with --ignore-checksums to read them.');
    const lenient = await run(sharedData('fit-fitparse', 'activity-filecrc.fit'), '--ignore-checksums');
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/warning FIT_CRC \(byte 769\)/);
  });
});
