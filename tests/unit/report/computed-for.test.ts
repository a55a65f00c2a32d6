/**
 * What results were computed for, as the app and the report say it: results grouped by the
 * window and periods they recorded (not the session's now), and the report's header sentence and
 * provenance columns (window, periods, which unit each kind of data came from). Expected strings
 * written by hand from the times below (UTC).
 */
import { describe, expect, it } from 'vitest';
import { computedForGroups, computedForSentence } from '../../../src/shared/domain/computed-for.ts';
import { formatWindowSpan } from '../../../src/shared/domain/format.ts';
import { renderReportHtml } from '../../../src/main/core/report/html-report.ts';
import type { ReportModel, ReportPlayer } from '../../../src/shared/domain/report.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';

const T = (h: number, m: number) => Date.UTC(2026, 2, 14, h, m);
const first = { id: 'p1', name: 'First half', startMs: T(10, 0), endMs: T(10, 5) };
const second = { id: 'p2', name: 'Second half', startMs: T(10, 5), endMs: T(10, 10) };

describe('computed for', () => {
  it('groups results by window and periods (in start order), the largest group first', () => {
    const w = { startMs: T(10, 0), endMs: T(10, 10) };
    const groups = computedForGroups([
      { window: w, periods: [second, first] },
      { window: { startMs: T(10, 0), endMs: T(10, 8) }, periods: [] },
      { window: w, periods: [first, second] },
    ]);
    expect(groups.map((g) => [g.results, g.window?.endMs, g.periods.map((p) => p.name)])).toEqual([
      [2, T(10, 10), ['First half', 'Second half']],
      [1, T(10, 8), []],
    ]);
  });

  it('says it in one sentence: one group plainly, several with their counts; an old result without a window says so', () => {
    const w = { startMs: T(10, 0), endMs: T(10, 10) };
    expect(computedForSentence([{ window: w, periods: [first, second] }], 'UTC')).toBe(
      'Computed for Sat, 14 Mar 2026 · 10:00–10:10; periods: First half 10:00–10:05, Second half 10:05–10:10.',
    );
    expect(computedForSentence([{ window: w, periods: [first] }, { window: null, periods: [] }, { window: w, periods: [first] }], 'UTC')).toBe(
      'Computed for 2 results: Sat, 14 Mar 2026 · 10:00–10:10; period: First half 10:00–10:05 — 1 result: a window not recorded (processed before results kept it); no periods.',
    );
    expect(computedForSentence([], 'UTC')).toBeNull();
  });

  it('writes times in the zone asked for (New York is UTC−4 on 14 March 2026), and a window past midnight with both days', () => {
    const w = { startMs: T(10, 0), endMs: T(10, 10) };
    expect(computedForSentence([{ window: w, periods: [first] }], 'America/New_York')).toBe('Computed for Sat, 14 Mar 2026 · 06:00–06:10; period: First half 06:00–06:05.');
    const late = { startMs: T(23, 0), endMs: T(23, 0) + 2 * 3600_000 };
    expect(computedForSentence([{ window: late, periods: [] }], 'UTC')).toBe('Computed for Sat, 14 Mar 2026 23:00 – Sun, 15 Mar 2026 01:00; no periods.');
    // Ending at midnight is the same day's window.
    expect(formatWindowSpan(T(22, 0), T(24, 0), 'UTC')).toBe('Sat, 14 Mar 2026 · 22:00–00:00');
  });

  it('the app and the report say it in the same words (the app in the laptop\'s zone, the report in its own)', () => {
    const rows = [{ window: { startMs: T(10, 0), endMs: T(10, 10) }, periods: [first] }];
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(computedForSentence(rows)).toBe(computedForSentence(rows, zone));
  });

  it('the report says it in its header and, per player, in the provenance table with the unit each kind of data came from', () => {
    const settings = EngineSettingsSchema.parse({});
    const player = (id: string, name: string, sources: NonNullable<ReportPlayer['computedWith']['sources']>): ReportPlayer => ({
      playerId: id,
      name,
      position: 'FB',
      group: 'FB',
      deviceId: `P1-${id}`,
      metrics: {},
      moments: {},
      notes: [],
      quality: null,
      computedWith: {
        algorithmVersion: '0.3.0',
        settingsKey: 'k',
        computedAt: T(11, 0),
        current: true,
        stale: [],
        window: { startMs: T(10, 0), endMs: T(10, 10) },
        periods: [first],
        sources,
      },
      series: null,
      efforts: null,
    });
    const model: ReportModel = {
      schemaVersion: 2,
      generatedAt: T(12, 0),
      timeZone: 'UTC',
      display: settings.display,
      app: { name: 'Player1 Pitchside', version: '0.1.0', algorithmVersion: '0.3.0' },
      // The session's window now differs from what the results were computed for.
      session: { id: 's', name: 'Tuesday', startMs: T(10, 0), endMs: T(10, 20) },
      settings: settings as unknown as Record<string, unknown>,
      metrics: [],
      catalogue: [],
      sections: [],
      cleaning: [],
      players: [
        player('1', 'Ann', { gnss: { unitId: 'u1', deviceId: 'P1-1', how: 'automatic', why: 'the only unit' }, imu: { unitId: 'u1', deviceId: 'P1-1', how: 'automatic', why: 'the only unit' } }),
        player('2', 'Bea', {
          gnss: { unitId: 'u2', deviceId: 'P1-2', how: 'automatic', why: 'the highest GNSS rate, 10 Hz' },
          hr: { unitId: 'u3', deviceId: 'HRM-7', how: 'chosen', why: 'chosen on the session page' },
        }),
      ],
      team: { players: 2, mean: {}, total: {}, groups: [] } as unknown as ReportModel['team'],
      periods: [],
    };
    const html = renderReportHtml(model, '');
    const header = html.split('<header>')[1].split('</header>')[0];
    expect(header).toContain('<p class="meta" id="computed-for">Computed for Sat, 14 Mar 2026 · 10:00–10:10; period: First half 10:00–10:05.</p>');
    const table = html.split('<table id="provenance-table">')[1].split('</table>')[0];
    const row = (name: string) => table.split(`<th scope="row">${name} `)[1].split('</tr>')[0];
    expect(row('Ann')).toContain('<td>Sat, 14 Mar 2026 · 10:00–10:10</td><td>First half 10:00–10:05</td><td>P1-1</td>');
    expect(row('Bea')).toContain('<td>GNSS P1-2 (the highest GNSS rate, 10 Hz)<br>Heart rate HRM-7 (chosen)</td>');
  });
});
