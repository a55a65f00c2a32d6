/**
 * The team summary: mean (over players with a value) and total (additive metrics only), for the
 * whole team and by position group. Used for the session and for each period.
 */
import type { MetricDef, MetricValues } from '../../../shared/domain/metrics.ts';
import type { TeamGroup, TeamSummary } from '../../../shared/domain/report.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';

function meanTotal(rows: MetricValues[], metrics: readonly MetricDef[]): { mean: MetricValues; total: MetricValues } {
  const mean: MetricValues = {};
  const total: MetricValues = {};
  for (const m of metrics) {
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = r[m.key];
      if (v != null && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    mean[m.key] = n > 0 ? sum / n : null;
    total[m.key] = m.additive && n > 0 ? sum : null;
  }
  return { mean, total };
}

/** `groups[i]` is the position group of `rows[i]`; without it there is no group breakdown. */
export function teamSummary(rows: MetricValues[], metrics: readonly MetricDef[], groups?: readonly string[]): TeamSummary {
  const out: TeamSummary = { players: rows.length, ...meanTotal(rows, metrics) };
  if (groups) {
    const names = [...new Set(groups)].sort((a, b) => a.localeCompare(b));
    out.groups = names.map((name): TeamGroup => {
      const members = rows.filter((_, i) => groups[i] === name);
      return { name, players: members.length, ...meanTotal(members, metrics) };
    });
  }
  return out;
}

/** A player's position group: the team's mapping, else the position itself ('Unassigned' when empty). */
export function positionGroup(position: string, s: EngineSettings): string {
  const p = position.trim();
  return s.positionGroups[p] ?? (p || 'Unassigned');
}
