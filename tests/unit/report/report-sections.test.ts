/**
 * The reworked report's own sections in its static HTML (what a reader sees with scripts off and
 * what prints): the header (the date once, the window, the type, the team's total time), the
 * pitch-side summary (each value against the player's own earlier sessions and as a % of their
 * position group's mean, worked by hand), periods compared, and a stand-in for each chart.
 */
import { describe, expect, it } from 'vitest';
import { headerLine, renderReportHtml } from '../../../src/main/core/report/html-report.ts';
import { historyMean } from '../../../src/main/core/report/report-model.ts';
import type { ReportModel, ReportPlayer } from '../../../src/shared/domain/report.ts';
import { reportModel, reportPlayer } from '../../support/report-model.ts';
import { metricCatalogue, type MetricValues } from '../../../src/shared/domain/metrics.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import { teamSummary } from '../../../src/main/core/processing/team-summary.ts';
import { intensity, pctOfMean, trendVsHistory, PERIOD_INTENSITY_DECIMALS } from '../../../src/shared/domain/team-view.ts';
import { meanDecimals } from '../../../src/shared/domain/format.ts';

const settings = EngineSettingsSchema.parse({ positionGroups: { CB: 'Defenders', FB: 'Defenders' } });
const catalogue = metricCatalogue(settings);
const T0 = Date.UTC(2026, 2, 14, 10);

function player(id: string, name: string, position: string, metrics: MetricValues, history: ReportPlayer['history'] = null): ReportPlayer {
  return reportPlayer({ playerId: id, name, position, group: position === 'CB' || position === 'FB' ? 'Defenders' : position, metrics, history });
}

function model(players: ReportPlayer[], type: string | null = 'MD-1'): ReportModel {
  return reportModel(players, settings, {
    timeZone: 'Europe/London',
    session: { id: 's1', name: 'Tuesday', startMs: T0, endMs: T0 + 95 * 60_000, type },
    periods: [
      {
        id: 'p1',
        name: 'Rondo',
        startMs: T0,
        endMs: T0 + 600_000,
        rows: [
          // 10 min: 1200 m → 120 m/min, HSR 50 m → 5 m/min, PlayerLoad 100 → 10 au/min
          { playerId: 'a', metrics: { duration_s: 600, distance_m: 1200, distance_m_per_min: 120, hsr_distance_m: 50, player_load: 100, player_load_per_min: 10 }, moments: {}, coverage: 1, warnings: [] },
          // 5 min: 500 m → 100 m/min, HSR 10 m → 2 m/min, PlayerLoad 40 → 8 au/min
          { playerId: 'b', metrics: { duration_s: 300, distance_m: 500, hsr_distance_m: 10, player_load: 40 }, moments: {}, coverage: 0.5, warnings: [] },
          { playerId: 'c', metrics: { duration_s: null, distance_m: null }, moments: {}, coverage: 0, warnings: [] },
        ],
        team: teamSummary([], catalogue, []),
      },
    ],
  });
}

const row = (html: string, table: string, player: string) => html.split(`<table id="${table}"`)[1].split('</table>')[0].split(`data-player="${player}"`)[1].split('</tr>')[0];
const td = (r: string, key: string) => r.split(`data-key="${key}"`)[1].split('</td>')[0];

describe('report sections', () => {
  // Ann (CB) 6000 m against her own 5000 m: +20 %, high. Bea (FB) 4000 m against 4200: −4.8 %, typical.
  // Cal (GK) has no earlier session. Defenders' mean distance (6000 + 4000) / 2 = 5000 m: Ann 120 %, Bea 80 %.
  const ann = player('a', 'Ann', 'CB', { duration_s: 5400, distance_m: 6000, hsr_distance_m: 300 }, historyMean([
    { sessionId: 'x', name: 'Sat', startMs: T0 - 86400_000, metrics: { distance_m: 4000, hsr_distance_m: 400 } },
    { sessionId: 'y', name: 'Thu', startMs: T0 - 3 * 86400_000, metrics: { distance_m: 6000, hsr_distance_m: null } },
  ]));
  const bea = player('b', 'Bea', 'FB', { duration_s: 5400, distance_m: 4000, hsr_distance_m: 100 }, historyMean([{ sessionId: 'x', name: 'Sat', startMs: T0 - 86400_000, metrics: { distance_m: 4200 } }]));
  const cal = player('c', 'Cal', 'GK', { duration_s: 3000.4, distance_m: 3000 });
  const html = renderReportHtml(model([ann, bea, cal]), '');

  it('averages a player\'s earlier sessions metric by metric, over the sessions that have it', () => {
    expect(ann.history!.sessions).toBe(2);
    expect(ann.history!.mean.distance_m).toBe(5000);
    expect(ann.history!.mean.hsr_distance_m).toBe(400); // the session without HSR is left out
    expect(historyMean([])).toBeNull();
  });

  it('colours each summary value against the player\'s own average, and gives it as % of the group mean', () => {
    expect(trendVsHistory(6000, 5000)).toEqual({ trend: 'high', ratio: 1.2 });
    expect(trendVsHistory(4000, 4200)!.trend).toBe('typical');
    expect(trendVsHistory(300, 400)!.trend).toBe('low');
    expect(trendVsHistory(300, null)).toBeNull();
    expect(pctOfMean(6000, 5000)).toBe(120);
    expect(td(row(html, 'summary-table', 'a'), 'distance_m')).toBe(' class="p1-high" data-trend="high">6,000<small>120 % grp</small>');
    expect(td(row(html, 'summary-table', 'a'), 'hsr_distance_m')).toBe(' class="p1-low" data-trend="low">300<small>150 % grp</small>');
    expect(td(row(html, 'summary-table', 'b'), 'distance_m')).toBe(' class="p1-typical" data-trend="typical">4,000<small>80 % grp</small>');
    // No history: plain; alone in the GK group: 100 %.
    expect(td(row(html, 'summary-table', 'c'), 'distance_m')).toBe('>3,000<small>100 % grp</small>');
    expect(html).toContain('2 of 3 players have earlier sessions');
  });

  it('states the date once, the window, the type and the team\'s total time in hours and minutes', () => {
    // 10:00–11:35 UTC is 10:00–11:35 in London in March (GMT); 5400 + 5400 + 3000.4 s = 13800.4 s = 3 h 50 min.
    expect(headerLine(model([ann, bea, cal]))).toBe('Sat, 14 Mar 2026 · 10:00–11:35 (Europe/London) · MD-1 · 3 players · team total 3 h 50 min');
    // Under an hour the total keeps its seconds, as the team table's Team total row writes it: 3000.4 s = 50 min 00 s.
    expect(headerLine(model([cal], null))).toBe('Sat, 14 Mar 2026 · 10:00–11:35 (Europe/London) · 1 player · team total 50 min 00 s');
    // Nothing internal in what is shown: no session id, no file name of ours.
    const shown = html.split('<script type="application/json"')[0];
    expect(shown.includes('s1')).toBe(false);
    expect(/report\.html|report-viewer\.js/.test(shown)).toBe(false);
  });

  it('compares the periods per minute, over the players with data in each', () => {
    expect(intensity({ duration_s: 300, distance_m: 500, hsr_distance_m: 10, player_load: 40 })).toEqual({ distancePerMin: 100, hsrPerMin: 2, playerLoadPerMin: 8 });
    const r = html.split('<table class="periods-compared" id="periods-compared">')[1].split('data-period="p1"')[1].split('</tr>')[0];
    // (120 + 100) / 2 = 110 m/min; (5 + 2) / 2 = 3.5; (10 + 8) / 2 = 9.00. Cal (no data) is left out.
    expect(r).toContain('<td>10:00–10:10</td><td>2</td><td>110.0</td><td>3.5</td><td>9.00</td>');
  });

  it('writes a period\'s team distance and PlayerLoad per minute in Periods compared as its own table\'s Team mean row does (118.7 both, not 119)', () => {
    // 118.4 and 119.0 m/min → 118.7; 9.871 and 10.2 au/min → 10.0355 → 10.04.
    const rows = [
      { playerId: 'a', metrics: { duration_s: 600, distance_m: 1184, distance_m_per_min: 118.4, player_load: 98.71, player_load_per_min: 9.871 }, moments: {}, coverage: 1, warnings: [] },
      { playerId: 'b', metrics: { duration_s: 600, distance_m: 1190, distance_m_per_min: 119, player_load: 102, player_load_per_min: 10.2 }, moments: {}, coverage: 1, warnings: [] },
    ];
    const m = model([player('a', 'Ann', 'CB', {}), player('b', 'Bea', 'FB', {})]);
    m.periods = [{ id: 'p1', name: 'Rondo', startMs: T0, endMs: T0 + 600_000, rows, team: teamSummary(rows.map((r) => r.metrics), catalogue, ['Defenders', 'Defenders']) }];
    const out = renderReportHtml(m, '');
    const compared = out.split('id="periods-compared">')[1].split('data-period="p1"')[1].split('</tr>')[0].split('<td>').slice(1).map((c) => c.split('</td>')[0]);
    const period = out.split('<table id="period-p1"')[1].split('</table>')[0];
    // The metric columns follow Player and Covered; the Team mean row's cells follow its label and an empty cell.
    const heads = period.split('<th scope="col"').slice(3);
    const meanRow = period.split('<td>Team mean</td><td></td>')[1].split('</tr>')[0].split('<td>').slice(1).map((c) => c.split('</td>')[0]);
    const teamMean = (key: string) => meanRow[heads.findIndex((th) => th.includes(`data-key="${key}"`))];
    expect(teamMean('distance_m_per_min')).toBe('118.7');
    expect(compared[2]).toBe(teamMean('distance_m_per_min'));
    expect(out).toContain('<th scope="col">Distance per minute (m/min)</th>');
    // PlayerLoad per minute is no headline column of the period table: its team mean as the Details would write it.
    expect(compared[4]).toBe('10.04');
    // The decimals written out in team-view.ts (the report viewer does not bundle the catalogue) are the catalogue's.
    const dec = (key: string) => meanDecimals(catalogue.find((d) => d.key === key)!);
    expect(PERIOD_INTENSITY_DECIMALS).toEqual({ distancePerMin: dec('distance_m_per_min'), hsrPerMin: dec('distance_m_per_min'), playerLoadPerMin: dec('player_load_per_min') });
  });

  it('says in the Heart rate section which HRmax each player with heart-rate data was read against', () => {
    // Ann has her own HRmax (190), Bea none (the team's 200 bpm, the default), Cy no heart rate at all (left out).
    const own = EngineSettingsSchema.parse({ ...settings, players: { a: { hrMaxBpm: 190 } } });
    const players = [player('a', 'Ann', 'CB', { hr_mean_bpm: 150 }), player('b', 'Bea', 'FB', { hr_mean_bpm: 140 }), player('c', 'Cy', 'FB', { hr_mean_bpm: null })];
    const note = (s: typeof settings) => {
      const m = model(players);
      m.settings = s as unknown as Record<string, unknown>;
      const out = renderReportHtml(m, '');
      const section = out.split('<h3>Heart rate</h3>')[1].split('<table')[0];
      return section.includes('id="hr-max-note"') ? section.split('id="hr-max-note">')[1].split('</p>')[0] : null;
    };
    const rule = "Heart-rate zones and TRIMP were read against each player&#39;s HRmax when these results were computed: their own where set in Settings, else the team&#39;s 200 bpm.";
    expect(note(own)).toBe(`${rule} 1 of 2 players here use the team&#39;s: Bea.`);
    expect(note(settings)).toContain(`${rule} No player here has their own: all 2 use the team&#39;s 200 bpm`);
    expect(note(EngineSettingsSchema.parse({ ...settings, players: { a: { hrMaxBpm: 190 }, b: { hrMaxBpm: 185 } } }))).toBe(`${rule} Every player here has their own.`);
  });

  it('says where each chart goes and that it needs scripts; every table is in the page', () => {
    for (const slot of ['timeline-slot', 'periods-slot', 'report-viewer']) {
      expect(html.split(`id="${slot}">`)[1].slice(0, 200)).toContain('is drawn here when scripts run. Scripts are off in this viewer');
    }
    for (const t of ['summary-table', 'team-table', 'periods-compared', 'period-p1', 'quality-table']) expect(html).toContain(`<table id="${t}"`.replace('<table id="periods-compared"', '<table class="periods-compared" id="periods-compared"'));
  });

  it('prints on A4 with repeating table headers and rows that never split', () => {
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
    expect(html).toMatch(/tr, figure, \.p1-big > div \{ break-inside: avoid; \}/);
  });
});
