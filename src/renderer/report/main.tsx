/**
 * The offline report's viewer, inlined into every report.html (built by vite.report.config.ts).
 * It reads the model embedded in the page, draws the same chart as the app (for the whole session
 * or a period, in the team's display units), and makes the static tables sortable. Without it the
 * page is still a complete table report.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { MetricValues } from '../../shared/domain/metrics.ts';
import type { ReportModel } from '../../shared/domain/report.ts';
import { displayDef, displayValues } from '../../shared/domain/units.ts';
import { MetricChart } from '../src/charts/MetricChart.tsx';

function ReportViewer({ model }: { model: ReportModel }) {
  const [scope, setScope] = useState('session');
  const units = model.display;
  const period = model.periods.find((p) => p.id === scope) ?? null;
  const names = new Map(model.players.map((p) => [p.playerId, p.name]));
  const rows = period
    ? period.rows.map((r) => ({ name: names.get(r.playerId) ?? r.playerId, metrics: r.metrics }))
    : model.players.map((p) => ({ name: p.name, metrics: p.metrics }));
  const mean = period ? period.team.mean : model.team.mean;
  return (
    <section aria-label="Charts">
      <h2>Charts</h2>
      {model.periods.length > 0 && (
        <div className="metric-picker" role="group" aria-label="Chart for">
          <span className="picker-label">Chart for:</span>
          <button type="button" aria-pressed={!period} onClick={() => setScope('session')}>
            Whole session
          </button>
          {model.periods.map((p) => (
            <button key={p.id} type="button" aria-pressed={period?.id === p.id} onClick={() => setScope(p.id)}>
              {p.name}
            </button>
          ))}
        </div>
      )}
      <MetricChart
        metrics={model.metrics.map((d) => displayDef(d, units))}
        rows={rows.map((r) => ({ name: r.name, metrics: displayValues(r.metrics, model.metrics, units) }))}
        mean={displayValues(mean, model.metrics, units)}
      />
    </section>
  );
}

/** The stored values behind each row of a table, by player id (team, detail and period tables). */
function valuesFor(table: HTMLTableElement, model: ReportModel): Map<string, MetricValues> | null {
  if (table.id === 'team-table' || table.id.startsWith('section-')) return new Map(model.players.map((p) => [p.playerId, p.metrics]));
  const per = model.periods.find((p) => `period-${p.id}` === table.id);
  return per ? new Map(per.rows.map((r) => [r.playerId, r.metrics])) : null;
}

/** Click a column header of a static table to sort by it (again to reverse). Units never change the order. */
function makeTableSortable(table: HTMLTableElement, values: Map<string, MetricValues>): void {
  const body = table.tBodies[0];
  if (!body) return;
  let current: { key: string; dir: number } | null = null;
  table.querySelectorAll<HTMLTableCellElement>('thead th[data-key]').forEach((th) => {
    th.style.cursor = 'pointer';
    th.tabIndex = 0;
    th.title = 'Sort by this column';
    const sort = () => {
      const key = th.dataset.key!;
      const dir = current && current.key === key ? -current.dir : -1;
      current = { key, dir };
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const va = values.get(a.dataset.player ?? '')?.[key] ?? -Infinity;
        const vb = values.get(b.dataset.player ?? '')?.[key] ?? -Infinity;
        return va === vb ? 0 : (va < vb ? -1 : 1) * dir;
      });
      rows.forEach((r) => body.appendChild(r));
      table.querySelectorAll('thead th').forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir < 0 ? 'descending' : 'ascending');
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        sort();
      }
    });
  });
}

const dataEl = document.getElementById('report-data');
const mount = document.getElementById('report-viewer');
if (dataEl && mount) {
  const model = JSON.parse(dataEl.textContent ?? '{}') as ReportModel;
  document.querySelectorAll<HTMLTableElement>('table[id]').forEach((t) => {
    const values = valuesFor(t, model);
    if (values) makeTableSortable(t, values);
  });
  createRoot(mount).render(
    <StrictMode>
      <ReportViewer model={model} />
    </StrictMode>,
  );
  document.documentElement.dataset.viewer = 'ready';
}
