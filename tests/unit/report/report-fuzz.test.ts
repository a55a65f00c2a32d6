/**
 * The report on anything the engine can produce (fast-check): a few players whose units handed the
 * engine anything a reader can (tests/unit/processing/arbitraries.ts), names and session names
 * with markup and quotes in them, periods for everyone or some, any display units and time zone.
 * Each result goes through JSON as it does through the database. The report must build, and what
 * it shows must read: no "NaN", "Infinity", "undefined", "[object Object]" or "-0" anywhere a person
 * reads it, every name as typed (none taken as markup), and the model it embeds parses back.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { ALGORITHM_VERSION } from '../../../src/main/core/processing/algorithm-version.ts';
import { periodsFor, type PeriodDef } from '../../../src/main/core/processing/periods.ts';
import { buildReportModel } from '../../../src/main/core/report/report-model.ts';
import { renderReportHtml } from '../../../src/main/core/report/html-report.ts';
import type { StoredResult } from '../../../src/main/core/db/results.repo.ts';
import type { PlayerEngineResult } from '../../../src/shared/domain/player-result.ts';
import type { Participant, Session } from '../../../src/shared/domain/session.ts';
import { settingsKey } from '../../../src/shared/domain/settings.ts';
import { dataKey } from '../../../src/shared/domain/staleness.ts';
import { FUZZ_REPLAY, FUZZ_RUNS, gnssArb, hrArb, imuArb, settingsArb, spanArb, spanAt } from '../processing/arbitraries.ts';
import { T0 } from '../processing/tracks.ts';
import { packPlayerSeries } from '../../../src/shared/domain/series-codec.ts';
import { isZoneOffsets, tableOffsetAt } from '../../../src/shared/domain/zone-offsets.ts';

/** Names as people type them, and as a hostile or careless file could carry them. */
const nameArb = fc.oneof(
  fc.constantFrom('Alex Okafor', 'Zoë Ørsted-Núñez', '<b>Bo</b>', 'A & B "C" \'D\'', '</script><script>alert(1)</script>', '   ', '—'),
  fc.string({ minLength: 1, maxLength: 24 }),
);

const playerArb = fc.record({ name: nameArb, position: fc.constantFrom('CB', 'FW', 'GK', '', '<i>x</i>'), gnss: gnssArb, imu: imuArb, hr: hrArb });

const ZONES = ['UTC', 'Europe/Madrid', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];

/** The text a person reads: the page without its scripts and style, tags removed, entities as typed. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ');
}

/** The five entities esc() writes, back to their characters. */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('the report on anything the engine can produce', () => {
  it('builds; shows no NaN, Infinity, undefined or -0; escapes every name; embeds a model that parses back', () => {
    fc.assert(
      fc.property(
        fc.array(playerArb, { minLength: 1, maxLength: 3 }),
        settingsArb,
        fc.record({ speed: fc.constantFrom('km/h' as const, 'm/s' as const), distance: fc.constantFrom('m' as const, 'yd' as const) }),
        spanArb,
        fc.array(fc.record({ span: spanArb, name: nameArb, everyone: fc.boolean() }), { maxLength: 3 }),
        fc.constantFrom(...ZONES),
        nameArb,
        (players, engineSettings, display, span, periodSpecs, timeZone, sessionName) => {
          const settings = { ...engineSettings, display };
          const window = spanAt(span);
          const participants: Participant[] = players.map((p, i) => ({
            playerId: `p${i}`,
            playerName: p.name,
            position: p.position,
            unitId: `u${i}`,
            deviceId: `P1-000${i}`,
            files: [],
          }));
          // A period for everyone, or for the first player only.
          const periodDefs: PeriodDef[] = periodSpecs.map((ps, i) => ({ id: `per${i}`, name: ps.name, ...spanAt(ps.span), playerIds: ps.everyone ? null : ['p0'] }));
          const results: StoredResult[] = players.map((p, i) => {
            const playerId = `p${i}`;
            const r = runEngine({ playerId, gnss: p.gnss, imu: p.imu, hr: p.hr, window, periods: periodsFor(playerId, periodDefs), settings });
            // Stored as JSON, read back as JSON.
            const stored = JSON.parse(JSON.stringify(r)) as PlayerEngineResult;
            return {
              sessionId: 's',
              playerId,
              unitId: `u${i}`,
              metrics: stored.metrics,
              moments: stored.moments,
              problems: [],
              algorithmVersion: ALGORITHM_VERSION,
              settings,
              settingsKey: settingsKey(settings),
              computedAt: T0,
              window,
              dataKey: dataKey([]),
              periods: stored.periods,
              quality: stored.quality,
              warnings: stored.warnings,
              seriesPacked: packPlayerSeries({ playerId, series: stored.series }),
              efforts: stored.efforts,
            };
          });
          const session: Session = {
            id: 's',
            name: sessionName,
            type: '',
            ...window,
            processingStatus: 'COMPLETED',
            reportPath: null,
            lastProcessedAt: T0,
            error: null,
            createdAt: T0,
            updatedAt: T0,
            participants,
          };
          const model = buildReportModel({ session, results, generatedAt: T0, timeZone, app: { name: 'Player1 Pitchside', version: '0.1.0', algorithmVersion: ALGORITHM_VERSION }, settings, periods: periodDefs });
          const html = renderReportHtml(model, '/* viewer */');

          const text = visibleText(html);
          for (const bad of ['NaN', 'Infinity', 'undefined', '[object Object]']) {
            if (text.includes(bad) && !players.some((p) => p.name.includes(bad)) && !sessionName.includes(bad) && !periodSpecs.some((p) => p.name.includes(bad))) {
              throw new Error(`the report shows "${bad}": …${text.slice(Math.max(0, text.indexOf(bad) - 80), text.indexOf(bad) + 40)}…`);
            }
          }
          // A number cell never reads -0 (nor -0.0 …): table cells hold the numbers.
          const negZero = /<td[^>]*>-0(?:\.0+)?(?:<|$)/.exec(html);
          if (negZero) throw new Error(`a table cell reads ${negZero[0]}`);
          // Only the report's scripts (the model, the timeline's series block when a player has a
          // series, the viewer), and every name reads as typed: had one gone in unescaped, its
          // markup would have been taken as tags and the name would not read whole.
          const withSeries = model.players.some((p) => p.series && p.series.speedMs.length > 0);
          expect(html.match(/<script/g)).toHaveLength(withSeries ? 3 : 2);
          const readable = unescape(text);
          for (const p of players) if (!readable.includes(p.name)) throw new Error(`the name ${JSON.stringify(p.name)} does not read as typed`);
          if (!readable.includes(sessionName)) throw new Error(`the session name ${JSON.stringify(sessionName)} does not read as typed`);
          // The embedded model is the model, through JSON (its series are in the binary block).
          const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1];
          const back = JSON.parse(json) as typeof model;
          expect(back.players.map((p) => p.metrics)).toEqual(JSON.parse(JSON.stringify(model.players.map((p) => p.metrics))));
          expect(back.team).toEqual(JSON.parse(JSON.stringify(model.team)));
          // The zone's offsets it carries (the viewer writes clock times from them) cover every
          // time the report shows a clock for, each the offset Intl has there: the local calendar
          // and clock read back as if UTC, less the instant.
          expect(isZoneOffsets(back.zoneOffsets)).toBe(true);
          const local = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
          const intlOffset = (ms: number) => {
            const q = Object.fromEntries(local.formatToParts(ms).map((x) => [x.type, x.value]));
            return Date.UTC(Number(q.year), Number(q.month) - 1, Number(q.day), Number(q.hour), Number(q.minute), Number(q.second)) - Math.floor(ms / 1000) * 1000;
          };
          const shown = [
            session.startMs,
            session.endMs,
            ...model.periods.flatMap((p) => [p.startMs, p.endMs, ...p.rows.flatMap((r) => Object.values(r.moments).flatMap((m) => [m.startMs, m.endMs]))]),
            ...model.players.flatMap((p) => [
              ...Object.values(p.moments).flatMap((m) => [m.startMs, m.endMs]),
              ...[...(p.efforts?.sprints ?? []), ...(p.efforts?.accels ?? []).flatMap((b) => b.efforts), ...(p.efforts?.decels ?? []).flatMap((b) => b.efforts)].flatMap((e) => [e.startMs, e.startMs + e.durationS * 1000]),
            ]),
          ];
          for (const ms of shown) expect(tableOffsetAt(back.zoneOffsets!, Math.trunc(ms))).toBe(intlOffset(Math.trunc(ms)));
        },
      ),
      { numRuns: Math.max(20, Math.round(FUZZ_RUNS / 5)), ...FUZZ_REPLAY },
    );
  }, Math.max(60_000, FUZZ_RUNS * 40));
});
