/**
 * The offline report's HTML in the team's display units: tables converted at display (values
 * worked by hand), group rows, period tables with coverage, provenance and stale notice, the
 * settings used with their defaults and sources, the 1 s series in the binary block (read back).
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { unpackSeries } from '../../../src/shared/domain/series-codec.ts';
import { unpackEfforts } from '../../../src/shared/domain/effort-codec.ts';
import { renderReportHtml } from '../../../src/main/core/report/html-report.ts';
import type { EmbeddedReportModel, ReportModel, ReportPlayer } from '../../../src/shared/domain/report.ts';
import { FAMILY_TITLES, headlineMetrics, metricCatalogue, type MetricFamily } from '../../../src/shared/domain/metrics.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import { teamSummary } from '../../../src/main/core/processing/team-summary.ts';

const display = { speed: 'km/h', distance: 'yd' } as const;
const settings = EngineSettingsSchema.parse({ quality: { maxHdop: 1.5 }, display, positionGroups: { CB: 'Defenders' } });
const catalogue = metricCatalogue(settings, display);

function player(id: string, name: string, position: string, distance: number, speed: number, stale: ReportPlayer['computedWith']['stale'] = []): ReportPlayer {
  return {
    playerId: id,
    name,
    position,
    group: position === 'CB' ? 'Defenders' : position,
    deviceId: `U-${id}`,
    metrics: { distance_m: distance, max_speed_ms: speed, peak_distance_w1_m: distance / 10 },
    moments: {},
    notes: [],
    quality: null,
    computedWith: { algorithmVersion: '0.2.0', settingsKey: 'k', computedAt: Date.UTC(2026, 2, 14, 11), current: stale.length === 0, stale },
    series: { startMs: 0, stepS: 1, speedMs: Array.from({ length: 3600 }, () => 1), hrBpm: null, playerLoad: null },
    efforts: null,
  };
}

function model(players: ReportPlayer[]): ReportModel {
  const rows = players.map((p) => p.metrics);
  return {
    schemaVersion: 2,
    generatedAt: Date.UTC(2026, 2, 14, 12),
    timeZone: 'UTC',
    display,
    app: { name: 'Player1 Pitchside', version: '0.1.0', algorithmVersion: '0.2.0' },
    session: { id: 's1', name: 'Tuesday', startMs: Date.UTC(2026, 2, 14, 10), endMs: Date.UTC(2026, 2, 14, 10, 10) },
    settings: settings as unknown as Record<string, unknown>,
    metrics: headlineMetrics(settings, display),
    catalogue,
    sections: (Object.keys(FAMILY_TITLES) as MetricFamily[]).map((family) => ({ family, title: FAMILY_TITLES[family], keys: catalogue.filter((d) => d.family === family).map((d) => d.key) })),
    cleaning: [],
    players,
    team: teamSummary(rows, catalogue, players.map((p) => p.group)),
    periods: [
      {
        id: 'per1',
        name: 'Drill A',
        startMs: Date.UTC(2026, 2, 14, 10),
        endMs: Date.UTC(2026, 2, 14, 10, 5),
        rows: [
          { playerId: 'a', metrics: { distance_m: 457.2, max_speed_ms: 6 }, moments: { max_speed_ms: { startMs: Date.UTC(2026, 2, 14, 10, 2, 5), endMs: Date.UTC(2026, 2, 14, 10, 2, 5) } }, coverage: 1, warnings: [] },
          { playerId: 'b', metrics: { distance_m: null }, moments: {}, coverage: 0, warnings: ['no data from this unit in period "Drill A": its metrics are empty'] },
        ],
        team: teamSummary([{ distance_m: 457.2 }], catalogue, ['Defenders']),
      },
    ],
  };
}

const cell = (html: string, table: string, player: string, key: string) => {
  const t = tableHtml(html, table);
  const row = t.split(`data-player="${player}"`)[1].split('</tr>')[0];
  return row.split(`data-key="${key}">`)[1].split('</td>')[0];
};

/** A table's HTML by its id (the team table also has a class). */
const tableHtml = (html: string, id: string) => html.split(`<table id="${id}"`)[1].split('</table>')[0];
/** A foot row's cell in the compact team table: the row's label is its header cell, then one cell per column. */
const footCell = (team: string, label: string, key: string) => {
  const col = team.split('<th scope="col"').slice(2).findIndex((th) => th.includes(`data-key="${key}"`));
  expect(col).toBeGreaterThanOrEqual(0);
  return team.split(`<th scope="row">${label}</th>`)[1].split('</tr>')[0].split('<td>')[col + 1].split('</td>')[0];
};

describe('report HTML', () => {
  const players = [player('a', 'Ann', 'CB', 914.4, 7), player('b', 'Bo', 'FW', 1828.8, 5.5)];
  const html = renderReportHtml(model(players), '/* viewer */');

  it('shows every table in the display units, converted by hand', () => {
    // 914.4 m = 1000 yd; 7 m/s = 25.2 km/h; 1828.8 m = 2000 yd; 5.5 m/s = 19.8 km/h
    expect(cell(html, 'team-table', 'a', 'distance_m')).toBe('1,000');
    expect(cell(html, 'team-table', 'a', 'max_speed_ms')).toBe('25.2');
    expect(cell(html, 'team-table', 'b', 'distance_m')).toBe('2,000');
    expect(cell(html, 'team-table', 'b', 'max_speed_ms')).toBe('19.8');
    // The team table's short headers carry the display unit underneath; the full label is the tooltip.
    expect(html).toContain('data-key="distance_m" title="Distance">Distance<span class="u">yd</span></th>');
    expect(html).toContain('data-key="max_speed_ms" title="Max speed">Top speed<span class="u">km/h</span></th>');
    expect(html).toContain('data-key="distance_m">Distance (yd)</th>'); // the period tables keep full headers
    // 457.2 m = 500 yd in the period table; a unit without data there reads as such.
    expect(cell(html, 'period-per1', 'a', 'distance_m')).toBe('500');
    expect(html).toContain('⚠ no data');
    expect(html).toContain('Speeds in km/h, distances in yards (yd)');
  });

  it('shows durations as minutes and seconds for players and the team mean, the team total in hours and minutes', () => {
    const a = player('a', 'Ann', 'CB', 914.4, 7);
    const b = player('b', 'Bo', 'FW', 1828.8, 5.5);
    a.metrics.duration_s = 92 * 60 + 15; // a match with stoppage time
    b.metrics.duration_s = 45 * 60 + 0.4; // a half, to the nearest second
    a.metrics.band1_time_s = 50 * 60;
    b.metrics.band1_time_s = 16 * 60 + 40.4;
    const h = renderReportHtml(model([a, b]), '');
    expect(h).toContain('data-key="duration_s" title="Duration">Time<span class="u">mm:ss</span></th>');
    expect(cell(h, 'team-table', 'a', 'duration_s')).toBe('92:15');
    expect(cell(h, 'team-table', 'b', 'duration_s')).toBe('45:00');
    // Team total: the players' time summed (team.total, as in the metrics JSON), 5535 + 2700.4 =
    // 8235.4 s = 137.26 min = 2 h 17 min, as the header says it; mean 4117.7 s = 68 min 38 s.
    const team = tableHtml(h, 'team-table');
    expect(footCell(team, 'Team total', 'duration_s')).toBe('2 h 17 min');
    expect(footCell(team, 'Team mean (2)', 'duration_s')).toBe('68:38');
    expect(h).toContain('team total 2 h 17 min');
    // A group total too: Ann alone is the Defenders' total, 92 min 15 s = 1 h 32 min; Bo the FW's, under an hour: 45 min 00 s.
    expect(footCell(team, 'Defenders total', 'duration_s')).toBe('1 h 32 min');
    expect(footCell(team, 'FW total', 'duration_s')).toBe('45 min 00 s');
    // The Details' full tables: time in band 1, 50:00 + 16:40.4 = 66 min 40.4 s = 66.67 min -> 1 h 07 min; mean 33:20.
    const bands = tableHtml(h, 'section-velocity_bands');
    // Its head: Player, Pos., then one column per metric; its foot rows: the label, an empty cell, then the values.
    const col = bands.split('<th scope="col"').slice(3).findIndex((th) => th.includes('data-key="band1_time_s"'));
    expect(col).toBeGreaterThanOrEqual(0);
    const foot = (label: string) => bands.split(`<td>${label}</td><td></td>`)[1].split('</tr>')[0].split('<td>')[col + 1].split('</td>')[0];
    expect(foot('Team total')).toBe('1 h 07 min');
    expect(foot('Team mean')).toBe('33:20');
  });

  it('says when each maximum and peak happened, under its value, in the report\'s zone', () => {
    const a = player('a', 'Ann', 'CB', 914.4, 7);
    // The engine's moments: max speed at one sample, the peak 1-min distance over (10:04:00, 10:05:00].
    a.moments = {
      max_speed_ms: { startMs: Date.UTC(2026, 2, 14, 10, 3, 7), endMs: Date.UTC(2026, 2, 14, 10, 3, 7) },
      peak_distance_w1_m: { startMs: Date.UTC(2026, 2, 14, 10, 4), endMs: Date.UTC(2026, 2, 14, 10, 5) },
    };
    const b = player('b', 'Bo', 'FW', 1828.8, 5.5); // computed before moments were kept: values only
    const m = model([a, b]);
    const h = renderReportHtml(m, '');
    expect(cell(h, 'team-table', 'a', 'max_speed_ms')).toBe('25.2<small class="when">10:03:07</small>');
    expect(cell(h, 'section-peaks', 'a', 'peak_distance_w1_m')).toBe('100<small class="when">10:04:00–10:05:00</small>');
    expect(cell(h, 'team-table', 'b', 'max_speed_ms')).toBe('19.8');
    // The period table has the period's own moment (6 m/s = 21.6 km/h at 10:02:05).
    expect(cell(h, 'period-per1', 'a', 'max_speed_ms')).toBe('21.6<small class="when">10:02:05</small>');
    // The same instants in the zone the report was made in: Madrid is UTC+1 on 14 March 2026.
    const madrid = renderReportHtml({ ...m, timeZone: 'Europe/Madrid' }, '');
    expect(cell(madrid, 'team-table', 'a', 'max_speed_ms')).toBe('25.2<small class="when">11:03:07</small>');
  });

  it('team and group rows: totals only where columns add up', () => {
    const team = tableHtml(html, 'team-table');
    // Team total distance 3000 yd; Defenders (Ann only) 1000 yd.
    expect(footCell(team, 'Team total', 'distance_m')).toBe('3,000');
    expect(footCell(team, 'Defenders total', 'distance_m')).toBe('1,000');
    expect(team).toContain('Defenders mean (1)');
    const peaks = tableHtml(html, 'section-peaks');
    expect(peaks).toContain('Team mean');
    expect(peaks).not.toContain('Team total');
  });

  it('a team mean of counts reads to 0.1; the total stays whole', () => {
    const a = player('a', 'Ann', 'CB', 914.4, 7);
    const b = player('b', 'Bo', 'FW', 1828.8, 5.5);
    a.metrics.sprint_efforts = 1;
    b.metrics.sprint_efforts = 2;
    const h = renderReportHtml(model([a, b]), '');
    const team = tableHtml(h, 'team-table');
    // (1 + 2) / 2 = 1.5 efforts; 1 + 2 = 3; Defenders (Ann alone) 1.0.
    expect(footCell(team, 'Team mean (2)', 'sprint_efforts')).toBe('1.5');
    expect(footCell(team, 'Team total', 'sprint_efforts')).toBe('3');
    expect(footCell(team, 'Defenders mean (1)', 'sprint_efforts')).toBe('1.0');
    // Distances keep a player's decimals: (1000 + 2000) / 2 = 1,500 yd.
    expect(footCell(team, 'Team mean (2)', 'distance_m')).toBe('1,500');
  });

  it('lists every effort behind the counts, in display units, with the period it starts in', () => {
    const a = player('a', 'Ann', 'CB', 914.4, 7);
    a.metrics.sprint_efforts = 1;
    const at = (min: number) => Date.UTC(2026, 2, 14, 10, min);
    a.efforts = {
      sprints: [{ startMs: at(1), durationS: 1.6, distanceM: 9.144, startSpeedMs: 7, endSpeedMs: 7.5, maxSpeedMs: 8 }],
      accels: [{ thresholdMs2: 2, efforts: [{ startMs: at(6), durationS: 0.5, distanceM: 1.8288, startSpeedMs: 2, endSpeedMs: 3, maxSpeedMs: 3, peakAccelMs2: 2.416 }] }],
      decels: [{ thresholdMs2: 2, efforts: [] }],
    };
    const b = player('b', 'Bo', 'FW', 1828.8, 5.5);
    b.metrics.sprint_efforts = 0; // computed, but before effort lists were kept
    const c = player('c', 'Cy', 'FW', 0, 0); // no GNSS: no effort metrics at all
    const h = renderReportHtml(model([a, b, c]), '');
    const ann = h.split('id="efforts-a">')[1].split('</details>')[0];
    expect(ann).toContain('Ann <small>U-a</small>: 1 sprint · 1 acc. ≥ 2 m/s² · 0 dec. ≤ −2 m/s²');
    expect(ann).toContain('<th scope="col">Distance (yd)</th><th scope="col">Start speed (km/h)</th>');
    const rows = ann.split('<tbody>')[1].split('</tbody>')[0].trim().split('\n');
    // 10:01 is inside "Drill A" [10:00, 10:05); 9.144 m = 10.0 yd; 7 / 7.5 / 8 m/s = 25.2 / 27.0 / 28.8 km/h.
    expect(rows[0]).toBe('<tr><td>Sprint</td><td>10:01:00</td><td class="period">Drill A</td><td>1.6</td><td>10.0</td><td>25.2</td><td>27.0</td><td>28.8</td><td>–</td></tr>');
    // 10:06 is after the period: no period; 1.8288 m = 2.0 yd; 2 / 3 m/s = 7.2 / 10.8 km/h; peak 2.416 m/s² to 0.01.
    expect(rows[1]).toBe('<tr><td>Acceleration ≥ 2 m/s²</td><td>10:06:00</td><td class="period">–</td><td>0.5</td><td>2.0</td><td>7.2</td><td>10.8</td><td>10.8</td><td>2.42</td></tr>');
    expect(rows).toHaveLength(2);
    expect(h.split('id="efforts-b">')[1].split('</details>')[0]).toContain('computed before efforts were kept: Process Report again to list them');
    expect(h.split('id="efforts-c">')[1].split('</details>')[0]).toContain('no usable GNSS data');
    // Without periods there is no Period column: 8 cells a row.
    const bare = renderReportHtml({ ...model([a]), periods: [] }, '');
    const bareRows = bare.split('id="efforts-a">')[1].split('<tbody>')[1].split('</tbody>')[0].trim().split('\n');
    expect(bare).not.toContain('class="period"');
    expect(bareRows[0]).toBe('<tr><td>Sprint</td><td>10:01:00</td><td>1.6</td><td>10.0</td><td>25.2</td><td>27.0</td><td>28.8</td><td>–</td></tr>');
  });

  it('states how each result was computed and which thresholds were used, with defaults and sources', () => {
    expect(html).toContain('<table id="provenance-table">');
    expect(html).toMatch(/<tr data-setting="quality.maxHdop"><th scope="row">Max HDOP<\/th><td>1.5 <strong>\(changed\)<\/strong><\/td><td>2<\/td><td>Pitchside default \(2.0\); no published consensus: Malone/);
    // Speeds used show their km/h equivalent: 5.5 m/s = 19.8 km/h.
    expect(html).toContain('<td>5.5 m/s (19.8 km/h)</td>');
    expect(html).toContain('CB → Defenders');
    expect(html).not.toContain('id="stale-notice"');
  });

  it('says when results are stale', () => {
    const h = renderReportHtml(model([player('a', 'Ann', 'CB', 914.4, 7, ['settings', 'periods']), player('b', 'Bo', 'FW', 1, 1)]), '');
    expect(h).toContain('id="stale-notice">⚠ 1 of 2 results were computed with older settings and older periods — Process Report again to update. (Ann)');
  });

  it('embeds the 1 s series in the binary block and only the sprints of the effort lists in the model', () => {
    const a = player('a', 'Ann', 'CB', 914.4, 7);
    // Speeds to 0.01 m/s, heart rate to 1 bpm, PlayerLoad to 0.001 au; nulls stay null.
    a.series = { startMs: Date.UTC(2026, 2, 14, 10), stepS: 1, speedMs: [0, 1.234, null, 7.5], hrBpm: [120.4, null, 181, 90], playerLoad: [0.0124, 0.2, null, 0] };
    const sprint = { startMs: Date.UTC(2026, 2, 14, 10, 1), durationS: 1.6, distanceM: 9.1, startSpeedMs: 7, endSpeedMs: 7.5, maxSpeedMs: 8 };
    a.efforts = { sprints: [sprint], accels: [{ thresholdMs2: 2, efforts: [sprint] }], decels: [{ thresholdMs2: 2, efforts: [] }] };
    const b = player('b', 'Bo', 'FW', 1828.8, 5.5);
    b.series = null;
    const h = renderReportHtml(model([a, b]), '');
    const json = JSON.parse(h.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]) as EmbeddedReportModel;
    expect(json.players.map((p) => p.series)).toEqual([null, null]);
    // Every effort list, by columns (the timeline marks all three kinds), and back to the same records.
    const cols = { t: [Date.UTC(2026, 2, 14, 10, 1)], d: [1.6], m: [9.1], v0: [7], v1: [7.5], vx: [8] };
    const none = { t: [], d: [], m: [], v0: [], v1: [], vx: [] };
    expect(json.players[0].efforts).toEqual({ sprints: cols, accels: [{ thresholdMs2: 2, efforts: cols }], decels: [{ thresholdMs2: 2, efforts: none }] });
    expect(unpackEfforts(json.players[0].efforts!)).toEqual(a.efforts);
    expect(json.players[1].efforts).toBeNull();
    expect(json.display).toEqual(display);
    const b64 = h.match(/<script type="application\/octet-stream" id="report-series" data-format="p1-series-1; gzip; base64">([A-Za-z0-9+/=]+)<\/script>/)![1];
    const back = unpackSeries(new Uint8Array(gunzipSync(Buffer.from(b64, 'base64'))));
    expect(back).toEqual([
      { playerId: 'a', series: { startMs: Date.UTC(2026, 2, 14, 10), stepS: 1, speedMs: [0, 1.23, null, 7.5], hrBpm: [120, null, 181, 90], playerLoad: [0.012, 0.2, null, 0] } },
    ]);
    // No player with a series: no block.
    expect(renderReportHtml(model([b]), '')).not.toContain('id="report-series"');
  });
});
