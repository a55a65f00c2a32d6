import { useState } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import type { ProcessingStatus } from '../../../../shared/domain/session.ts';
import { formatMetric } from '../../../../shared/domain/format.ts';
import { TeamBarChart } from '../../charts/TeamBarChart.tsx';

export function ResultsSection({ sessionId, status }: { sessionId: string; status: ProcessingStatus }) {
  const api = useApi();
  const results = useLoad(() => api['results:list']({ sessionId }), [sessionId, status]);
  useEvent('sessions:changed', (p) => {
    if (p.sessionId === sessionId && (p.status === 'COMPLETED' || p.status === 'FAILED')) results.reload();
  });
  const [key, setKey] = useState('distance_m');
  const r = results.data;
  if (!r || r.players.length === 0) return null;
  const metric = r.metrics.find((m) => m.key === key) ?? r.metrics[0];
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">Results</h2>
      <table className="data numeric" aria-label="Results">
        <thead>
          <tr>
            <th scope="col">Player</th>
            <th scope="col">Pos.</th>
            {r.metrics.map((m) => (
              <th key={m.key} scope="col" title={m.description}>
                {m.label} ({m.unit})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.players.map((p) => (
            <tr key={p.playerId}>
              <td>{p.playerName}</td>
              <td>{p.position}</td>
              {r.metrics.map((m) => (
                <td key={m.key}>{formatMetric(p.metrics[m.key], m)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Team mean</td>
            <td />
            {r.metrics.map((m) => (
              <td key={m.key}>{formatMetric(r.team.mean[m.key], m)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
      <div className="chart-controls" role="group" aria-label="Chart metric">
        {r.metrics.map((m) => (
          <button key={m.key} type="button" aria-pressed={m.key === metric.key} onClick={() => setKey(m.key)}>
            {m.label}
          </button>
        ))}
      </div>
      <TeamBarChart
        data={r.players.map((p) => ({ name: p.playerName, value: p.metrics[metric.key] ?? null }))}
        metric={metric}
        mean={r.team.mean[metric.key] ?? null}
      />
    </section>
  );
}
