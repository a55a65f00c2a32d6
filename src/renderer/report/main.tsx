/**
 * The offline report's viewer, inlined into every report.html (built by vite.report.config.ts).
 * It reads the model embedded in the page, draws the same charts as the app, and makes the
 * static team table sortable. Without it the page is still a complete table report.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ReportModel } from '../../shared/domain/report.ts';
import { MetricChart } from '../src/charts/MetricChart.tsx';

function ReportViewer({ model }: { model: ReportModel }) {
  return (
    <section aria-label="Charts">
      <h2>Charts</h2>
      <MetricChart metrics={model.metrics} rows={model.players} mean={model.team.mean} />
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
