/** A Player1 gps.csv of a unit standing still at 10 Hz from t0, written into dir (for worker-task tests). */
import { join } from 'node:path';
import { emptyGnss } from '../../src/main/core/formats/canonical.ts';
import { writeGpsCsv } from '../../src/main/core/formats/player1-csv.writer.ts';

export function writeStandingGpsCsv(dir: string, fixes: number, t0: number): string {
  const g = emptyGnss(fixes);
  for (let i = 0; i < fixes; i++) {
    g.t[i] = t0 + i * 100;
    g.lat[i] = 51.5;
    g.lon[i] = -0.28;
    g.speed[i] = 0;
  }
  const path = join(dir, 'gps.csv');
  writeGpsCsv(path, g, null);
  return path;
}
