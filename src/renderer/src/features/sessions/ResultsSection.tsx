import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import type { ProcessingStatus } from '../../../../shared/domain/session.ts';
import { formatMetric } from '../../../../shared/domain/format.ts';
import { MetricChart } from '../../charts/MetricChart.tsx';

export function ResultsSection({ sessionId, status }: { sessionId: string; status: ProcessingStatus }) {
  const api = useApi();
  const results = useLoad(() => api['results:list']({ sessionId }), [sessionId, status]);
  useEvent('sessions:changed', (p) => {
    if (p.sessionId === sessionId && (p.status === 'COMPLETED' || p.status === 'FAILED')) results.reload();
  });
  const r = results.data;
  if (!r || r.players.length === 0) return null;
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
      <MetricChart metrics={r.metrics} rows={r.players.map((p) => ({ name: p.playerName, metrics: p.metrics }))} mean={r.team.mean} />
    </section>
  );
}
