/**
 * The team table of the session page and of the report (the same component in both): one row per
 * player, sortable by any column (click its header, again to reverse), filtered by name and by
 * position group, with a choice of column view. The headline view fits a 1366 px laptop without
 * scrolling sideways (short headers with the unit underneath, the position under the name); the
 * other views (one per metric family) scroll inside their own box under a player column that
 * stays in view. Values are stored SI and converted to the team's display units here.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { MetricDef, MetricMoments, MetricValues } from '../../../../../shared/domain/metrics.ts';
import type { TeamSummary } from '../../../../../shared/domain/report.ts';
import { formatCoverage, formatInUnits, formatMeanInUnits, formatMoment, formatTotalInUnits } from '../../../../../shared/domain/format.ts';
import { displayDef, type DisplayUnits } from '../../../../../shared/domain/units.ts';
import { shortLabel } from '../../../../../shared/domain/team-view.ts';

export interface TeamTableRow {
  playerId: string;
  name: string;
  position: string;
  group: string;
  /** The unit the data came from (shown under the name, beside the position). */
  unit?: string;
  metrics: MetricValues;
  moments: MetricMoments;
  /** Period tables: share of the period the unit covers (0..1). */
  coverage?: number;
}

export interface TeamTableView {
  id: string;
  label: string;
  defs: readonly MetricDef[];
}

export interface TeamTableProps {
  /** The table element's id (the report's static table has the same one). */
  id?: string;
  label: string;
  rows: readonly TeamTableRow[];
  team: TeamSummary;
  units: DisplayUnits;
  /** The first view is the headline one. */
  views: readonly TeamTableView[];
  /** Times of maxima and peaks in this zone (default: the runtime's own). */
  timeZone?: string;
  coverage?: boolean;
  /** Extra class names on the table (the app's `results-table`). */
  className?: string;
  /** Where a player's name links to (the app's Player page); absent: plain names (the report). */
  playerHref?: (playerId: string) => string;
}

type Sort = { key: string; dir: 1 | -1 };

export function TeamTable({ id, label, rows, team, units, views, timeZone, coverage = false, className, playerHref }: TeamTableProps) {
  const [viewId, setViewId] = useState(views[0]?.id ?? '');
  const [sort, setSort] = useState<Sort | null>(null);
  const [filter, setFilter] = useState('');
  const [group, setGroup] = useState('');
  const view = views.find((v) => v.id === viewId) ?? views[0];
  const defs = view?.defs ?? [];
  const groups = useMemo(() => [...new Set(rows.map((r) => r.group))].sort(), [rows]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const out = rows.filter((r) => (!q || r.name.toLowerCase().includes(q) || r.position.toLowerCase().includes(q)) && (!group || r.group === group));
    if (sort) {
      out.sort((a, b) => {
        if (sort.key === 'name') return a.name.localeCompare(b.name) * sort.dir;
        const va = a.metrics[sort.key];
        const vb = b.metrics[sort.key];
        // Missing values go last whichever way the column is sorted.
        if (va == null || vb == null) return va == null ? (vb == null ? 0 : 1) : -1;
        return (va - vb) * sort.dir;
      });
    }
    return out;
  }, [rows, filter, group, sort]);

  const sortBy = (key: string) => setSort((s) => (s && s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === 'name' ? 1 : -1 }));
  const ariaSort = (key: string) => (sort?.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined);
  const totals = defs.some((d) => d.additive);
  const lead = coverage ? 2 : 1;
  const line = (name: string, values: MetricValues, kind: string, format: typeof formatInUnits) => (
    <tr key={kind} data-row={kind}>
      <th scope="row" colSpan={lead}>
        {name}
      </th>
      {defs.map((d) => (
        <td key={d.key} data-key={d.key}>
          {format(values[d.key], d, units)}
        </td>
      ))}
    </tr>
  );

  return (
    <div className="p1-team-table">
      <div className="p1-table-tools" role="group" aria-label={`${label}: view`}>
        {views.length > 1 && (
          <label>
            Columns
            <select value={view?.id} onChange={(e) => setViewId(e.target.value)} name="team-columns">
              {views.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Filter players
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name or position" name="team-filter" />
        </label>
        {groups.length > 1 && (
          <label>
            Position group
            <select value={group} onChange={(e) => setGroup(e.target.value)} name="team-group">
              <option value="">All groups</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="p1-legend" aria-live="polite">
          {shown.length === rows.length ? `${rows.length} players` : `${shown.length} of ${rows.length} players shown`}
          {sort ? `, sorted by ${sort.key === 'name' ? 'name' : (defs.find((d) => d.key === sort.key)?.label ?? sort.key)}` : ''}
        </span>
      </div>
      <div className="p1-team-scroll table-scroll">
        <table id={id} className={`p1-team${className ? ` ${className}` : ''}`} aria-label={label} data-view={view?.id}>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('name')}>
                <SortHandle onSort={() => sortBy('name')} title="Sort by name">
                  Player<span className="u">position · unit</span>
                </SortHandle>
              </th>
              {coverage && (
                <th scope="col" title="Share of the period the unit's cleaned data covers">
                  Covered
                </th>
              )}
              {defs.map((d) => (
                <th key={d.key} scope="col" data-key={d.key} aria-sort={ariaSort(d.key)} title={`${d.label}: ${d.description}`}>
                  <SortHandle onSort={() => sortBy(d.key)}>
                    {shortLabel(d)}
                    <span className="u">{displayDef(d, units).unit}</span>
                  </SortHandle>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.playerId} data-player={r.playerId}>
                <th scope="row" title={r.name}>
                  {playerHref ? <a href={playerHref(r.playerId)}>{r.name}</a> : r.name}
                  <small>
                    {r.position || '—'}
                    {r.unit ? ` · ${r.unit}` : ''}
                  </small>
                </th>
                {coverage && <td>{formatCoverage(r.coverage ?? 0)}</td>}
                {defs.map((d) => {
                  const when = formatMoment(r.moments[d.key], timeZone);
                  return (
                    <td key={d.key} data-key={d.key}>
                      {formatInUnits(r.metrics[d.key], d, units)}
                      {when && <small className="when">{when}</small>}
                    </td>
                  );
                })}
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={lead + defs.length} style={{ textAlign: 'left' }}>
                  {rows.length === 0 ? 'No player has a result here.' : 'No player matches the filter.'}
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            {line(`Team mean (${team.players})`, team.mean, 'team-mean', formatMeanInUnits)}
            {totals && line('Team total', team.total, 'team-total', formatTotalInUnits)}
            {(team.groups ?? []).flatMap((g) => [
              line(`${g.name} mean (${g.players})`, g.mean, `group-mean:${g.name}`, formatMeanInUnits),
              ...(totals ? [line(`${g.name} total`, g.total, `group-total:${g.name}`, formatTotalInUnits)] : []),
            ])}
          </tfoot>
        </table>
      </div>
    </div>
  );
}

/**
 * A header's sort control. A span with the button role, not a <button>: Chromium leaves a
 * <button> blank in a table header it repeats on each printed page.
 */
function SortHandle({ onSort, title, children }: { onSort: () => void; title?: string; children: ReactNode }) {
  return (
    <span
      role="button"
      tabIndex={0}
      className="p1-sort"
      title={title}
      onClick={onSort}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSort();
        }
      }}
    >
      {children}
    </span>
  );
}

/** The headline view, then one view per metric family (the app's and the report's choice of columns). */
export function teamViews(headline: readonly MetricDef[], catalogue: readonly MetricDef[], families: Record<string, string>): TeamTableView[] {
  return [
    { id: 'headline', label: 'Headline metrics', defs: headline },
    ...Object.entries(families)
      .map(([f, title]) => ({ id: f, label: title, defs: catalogue.filter((d) => d.family === f) }))
      .filter((v) => v.defs.length > 0),
  ];
}
