/**
 * The offline report's viewer, inlined into every report.html (built by vite.report.config.ts).
 * It reads the model embedded in the page, draws the same charts as the app, and makes the
 * static team table sortable. Without it the page is still a complete table report.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ReportModel } from '../../shared/domain/report.ts';
import { TeamBarChart } from '../src/charts/TeamBarChart.tsx';

function ReportViewer({ model }: { model: ReportModel }) {
  const chartable = model.metrics;
  const [key, setKey] = useState(chartable.find((m) => m.key === 'distance_m')?.key ?? chartable[0]?.key);
  const metric = chartable.find((m) => m.key === key);
  if (!metric) return null;
  return (
    <section aria-label="Charts">
      <h2>Charts</h2>
      <div role="group" aria-label="Metric" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0' }}>
        {chartable.map((m) => (
          <button
            key={m.key}
            type="button"
            aria-pressed={m.key === key}
            onClick={() => setKey(m.key)}
            style={{
              minHeight: 40,
              padding: '6px 12px',
              font: 'inherit',
              border: '2px solid #0b0b0b',
              background: m.key === key ? '#0b0b0b' : '#fff',
              color: m.key === key ? '#fff' : '#0b0b0b',
              cursor: 'pointer',
            }}
          >
            {m.label}
          </button>
        ))}
      </div>
      <TeamBarChart
        data={model.players.map((p) => ({ name: p.name, value: p.metrics[metric.key] ?? null }))}
        metric={metric}
        mean={model.team.mean[metric.key] ?? null}
      />
    </section>
  );
}

/** Click a column header of the static table to sort by it (again to reverse). */
function makeTableSortable(table: HTMLTableElement, model: ReportModel): void {
  const body = table.tBodies[0];
  if (!body) return;
  const byId = new Map(model.players.map((p) => [p.playerId, p]));
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
        const va = byId.get(a.dataset.player ?? '')?.metrics[key] ?? -Infinity;
        const vb = byId.get(b.dataset.player ?? '')?.metrics[key] ?? -Infinity;
        return (va - vb) * dir;
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
  const table = document.getElementById('team-table');
  if (table instanceof HTMLTableElement) makeTableSortable(table, model);
  createRoot(mount).render(
    <StrictMode>
      <ReportViewer model={model} />
    </StrictMode>,
  );
  document.documentElement.dataset.viewer = 'ready';
}
