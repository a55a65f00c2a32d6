/**
 * What the report's labels say a number is, against what it is: the definitions name each
 * metric's real CSV column (the export's own header rule) and its JSON key, each labelled as such;
 * the data quality's interpolation column and the distance split's interpolated seconds are named
 * for what they count (the time filled by interpolation; the time of the steps into or out of an
 * interpolated sample), with why the second is the larger; a unit sampling slower than 1 Hz shows
 * its rate (0.04 Hz, one fix every 25 s), never "0.0".
 */
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/main/core/report/html-report.ts';
import { csvColumns, tidyCsv } from '../../../src/main/core/exports/tidy-csv.ts';
import type { ReportModel, ReportPlayer } from '../../../src/shared/domain/report.ts';
import { reportModel, reportPlayer } from '../../support/report-model.ts';
import type { GnssQuality } from '../../../src/shared/domain/player-result.ts';
import { metricCatalogue, type MetricValues } from '../../../src/shared/domain/metrics.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import { imuRateText, rateHzText } from '../../../src/shared/domain/quality-text.ts';

const settings = EngineSettingsSchema.parse({});
const catalogue = metricCatalogue(settings);
const T0 = Date.UTC(2026, 2, 14, 10);

function gnss(sampleRateHz: number, over: Partial<GnssQuality> = {}): GnssQuality {
  return { fixes: 100, sampleRateHz, medianSatellites: 9, medianHdop: 0.8, spanS: 4000, droppedFixes: 0, droppedPct: 0, interpolatedS: 0, interpolatedPct: 0, gaps: 0, gapS: 0, dopplerPct: 0, regime: 'regular', ...over };
}

function player(id: string, metrics: MetricValues, g: GnssQuality): ReportPlayer {
  return reportPlayer({
    playerId: id,
    name: `Player ${id}`,
    position: 'CM',
    group: 'CM',
    metrics,
    quality: { gnss: g, imu: null, hr: null, steps: [] },
    computedWith: { algorithmVersion: '0.3.2', settingsKey: 'k', computedAt: T0, current: true, stale: [] },
  });
}

const model = (players: ReportPlayer[]): ReportModel => reportModel(players, settings, { app: { name: 'Player1 Pitchside', version: '0.1.0', algorithmVersion: '0.3.2' } });

// The U18_ID1 numbers: 4932 samples of 0.1 s interpolated (493.2 s, 12.3 % of the recording), the
// split's interpolated steps 975.7 s; a swim watch with one fix every 25 s.
const pod = player('a', { distance_m: 2741.1, distance_measured_m: 2108.2, distance_interpolated_m: 632.9, distance_estimated_m: 0, measured_time_s: 3029.7, interpolated_time_s: 975.7, estimated_time_s: 0 }, gnss(10, { interpolatedS: 493.2, interpolatedPct: 12.3 }));
const swim = player('b', {}, gnss(0.04, { regime: 'smart' }));
const html = renderReportHtml(model([pod, swim]), '');
/** A body row's cells after its player header, by row (0: the pod, 1: the watch). */
const cells = (table: string, row: number) =>
  html.split(`<table id="${table}"`)[1].split('<tbody>')[1].split('</tbody>')[0].trim().split('\n')[row].split(/<td[^>]*>/).slice(1).map((c) => c.split('</td>')[0]);
const heads = (table: string) => [...html.split(`<table id="${table}"`)[1].split('</thead>')[0].matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);

describe('report labels', () => {
  it('names, for every metric, the column the CSV export writes and the metrics JSON key, each as what it is', () => {
    const header = tidyCsv({ name: 'S', startMs: T0, endMs: T0 + 1 }, { sessionId: 's', metrics: [], catalogue, players: [], team: model([]).team, periods: [], current: { algorithmVersion: '', settingsKey: '' }, display: model([]).display, hrMaxNote: null })
      .replace(/^\ufeff/, '')
      .split('\r\n')[0]
      .split(',');
    expect(header).toEqual(csvColumns());
    const defs = html.split('<dl class="defs" id="definitions">')[1].split('</dl>')[0];
    for (const d of catalogue) {
      const dt = defs.split(`<dt data-key="${d.key}">`)[1].split('</dt>')[0];
      const m = /CSV column <code>([^<]+)<\/code> · JSON key <code>([^<]+)<\/code>/.exec(dt);
      expect(m, d.key).not.toBeNull();
      expect(header, `${d.key}: the CSV column the report names`).toContain(m![1]);
      expect(m![2]).toBe(d.key);
    }
    // Where the CSV adds the unit, the report says so (it named the JSON key as the CSV column).
    for (const [key, column] of [
      ['sprint_efforts', 'sprint_efforts_count'],
      ['accel_efforts_1', 'accel_efforts_1_count'],
      ['decel_efforts_3', 'decel_efforts_3_count'],
      ['player_load', 'player_load_au'],
      ['player_load_per_min', 'player_load_au_per_min'],
      ['trimp_edwards', 'trimp_edwards_au'],
      ['trimp_banister', 'trimp_banister_au'],
      ['peak_player_load_w1', 'peak_player_load_w1_au'],
    ]) {
      expect(defs).toContain(`<dt data-key="${key}">`);
      expect(defs.split(`<dt data-key="${key}">`)[1].split('</dt>')[0]).toContain(`CSV column <code>${column}</code> · JSON key <code>${key}</code>`);
    }
  });

  it('names the data quality\'s interpolation column and the split\'s interpolated seconds for what each counts, and says why they differ', () => {
    const q = heads('quality-table');
    expect(q[7]).toBe('Time filled by interpolation (%)');
    expect(cells('quality-table', 0)[6]).toBe('12.3');
    const after = html.split('<table id="quality-table"')[1].split('</table></div>')[1].slice(0, 600);
    expect(after).toContain('Time filled by interpolation: the samples interpolated across short dropouts × the unit&#39;s interval (the seconds the cleaning summary gives)');
    const s = heads('distance-split-table');
    expect(s.slice(3, 6)).toEqual(['Measured: steps between kept fixes, m (s)', 'Interpolated: steps into or out of an interpolated sample, m (s)', 'Estimated across gaps and position jumps, m (s)']);
    expect(cells('distance-split-table', 0).slice(2, 4)).toEqual(['2,108 m (3,030 s)', '633 m (976 s)']);
    const split = html.split('<h3>Distance: measured, interpolated, estimated</h3>')[1].split('<div class="table-scroll">')[0];
    expect(split).toContain('one filled sample between two kept fixes is two interpolated steps');
    expect(split).toContain('more than the time filled by interpolation (up to about twice it)');
    // The metric itself, as the Details, the app's definitions and the CSV readers see it.
    const t = catalogue.find((d) => d.key === 'interpolated_time_s')!;
    expect(t.label).toBe('Time of interpolated steps');
    expect(t.description).toMatch(/^Time of the steps into or out of an interpolated sample/);
    expect(t.description).toContain('"Time filled by interpolation"');
    expect(catalogue.find((d) => d.key === 'distance_interpolated_m')!.description).toMatch(/^The part of the distance over the steps into or out of a sample filled by linear interpolation/);
  });

  it('shows a rate below 1 Hz to two figures with its interval, not "0.0"', () => {
    expect(cells('quality-table', 1)[1]).toBe('0.04 (1 per 25 s)');
    expect(cells('quality-table', 0)[1]).toBe('10.0');
    expect(rateHzText(0.5)).toBe('0.5 (1 per 2 s)');
    expect(rateHzText(1 / 1.5)).toBe('0.67 (1 per 1.5 s)');
    expect(rateHzText(1 / 30)).toBe('0.033 (1 per 30 s)');
    expect(rateHzText(1)).toBe('1.0');
    expect(rateHzText(18)).toBe('18.0');
    expect(rateHzText(null)).toBe('–');
    expect(imuRateText({ samples: 10, sampleRateHz: 0.2, spanS: 50, gaps: 0, gapS: 0 })).toBe('0.2 (1 per 5 s)');
    expect(imuRateText({ samples: 10, sampleRateHz: 1000, spanS: 50, gaps: 0, gapS: 0, reducedTo100Hz: true })).toBe('1,000 → 100');
  });
});
