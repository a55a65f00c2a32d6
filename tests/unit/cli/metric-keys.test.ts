/**
 * The CLI JSON promises "snake_case metric keys with units in the name" and docs/cli.md lists
 * each key's unit: both are checked against the metric catalogue, so a new metric cannot ship
 * with a key that hides its unit or without its line in the documentation.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricCatalogue, type MetricUnit } from '../../../src/shared/domain/metrics.ts';
import { REPO_ROOT } from '../../support/shared-data.ts';

/** The suffix a key must end with for each stored unit; null = no unit in the name (counts, au). */
const SUFFIX: Partial<Record<MetricUnit, RegExp | null>> = {
  s: /_s$/,
  m: /_m$/,
  'm/s': /_ms$/,
  'm/s²': /_ms2$/,
  'm/min': /_m_per_min$/,
  bpm: /_bpm$/,
  'W/kg': /_wkg$/,
  'kJ/kg': /_kjkg$/,
  count: null,
  au: null,
  'au/min': null,
};

describe('metric keys', () => {
  const defs = metricCatalogue();

  it('are snake_case and say their unit', () => {
    for (const d of defs) {
      expect(d.key, d.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(Object.keys(SUFFIX), `${d.key}: unit ${d.unit} has no naming rule`).toContain(d.unit);
      const rule = SUFFIX[d.unit];
      if (rule) expect(d.key, `${d.key} (${d.unit})`).toMatch(rule);
    }
  });

  it("are listed in docs/cli.md with their unit and whether they add up, in the catalogue's order", () => {
    const md = readFileSync(join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
    const section = md.split('### Metric keys and their units')[1];
    expect(section, 'docs/cli.md has a "Metric keys and their units" section').toBeDefined();
    const rows = section
      .split('\n')
      .filter((l) => /^\| `/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()))
      .map((c) => ({ key: c[1].replace(/`/g, ''), unit: c[2], total: c[4] }));
    expect(rows.map((r) => r.key)).toEqual(defs.map((d) => d.key));
    for (const d of defs) {
      const r = rows.find((x) => x.key === d.key)!;
      expect(r.unit, d.key).toBe(d.unit);
      expect(r.total, d.key).toBe(d.additive ? 'yes' : 'no');
    }
  });
});
