import type { ImportCommitResult } from '../../../../../shared/api/imports.contract.ts';
import { Notice } from '../../../components/Notice.tsx';

const OUTCOME = { imported: 'imported', replaced: 'replaced an earlier file', unchanged: 'already there, unchanged' } as const;

/** What the Import button did, per unit. */
export function ImportResults({ result }: { result: ImportCommitResult }) {
  const units = new Map<string, { deviceId: string; playerName: string; files: string[] }>();
  for (const f of result.files) {
    const u = units.get(f.deviceId.toLowerCase()) ?? { deviceId: f.deviceId, playerName: f.playerName, files: [] };
    u.files.push(`${f.sourceName} (${OUTCOME[f.outcome]})`);
    units.set(f.deviceId.toLowerCase(), u);
  }
  const changed = result.files.filter((f) => f.outcome !== 'unchanged').length;
  const created = new Set(result.createdUnits.map((d) => d.toLowerCase()));
  const newPlayers = new Set(result.createdPlayers);
  return (
    <>
      <Notice kind="success" title={`Imported ${changed} file(s) for ${units.size} unit(s)`}>
        {changed < result.files.length && <p>{result.files.length - changed} file(s) were already in this session: nothing changed for them.</p>}
      </Notice>
      {result.warnings.map((w) => (
        <Notice key={w} kind="warning">
          {w}
        </Notice>
      ))}
      <table className="data" aria-label="Imported units">
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Player</th>
            <th scope="col">Files</th>
          </tr>
        </thead>
        <tbody>
          {[...units.values()].map((u) => (
            <tr key={u.deviceId}>
              <td className="mono">
                {u.deviceId}
                {created.has(u.deviceId.toLowerCase()) && <span className="tag">new</span>}
              </td>
              <td>
                {u.playerName}
                {newPlayers.has(u.playerName) && <span className="tag">new</span>}
              </td>
              <td>
                {u.files.map((f) => (
                  <div key={f}>{f}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
