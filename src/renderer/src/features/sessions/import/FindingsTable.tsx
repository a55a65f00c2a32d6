import type { FileFinding, FileStage } from '../../../../../shared/api/imports.contract.ts';
import type { Player } from '../../../../../shared/domain/roster.ts';
import { FindingRow } from './FindingRow.tsx';
import { PendingRow } from './PendingRow.tsx';
import { choiceFor, type Choice, type FilePlan, type ImportPlan } from './import-plan.ts';

/** The previous row is a readable file going under the same unit id (gps.csv then imu.csv). */
function sameUnit(prev: Row | undefined, f: FileFinding, plan?: ImportPlan): boolean {
  if (!prev || prev.kind !== 'finding' || prev.finding.error || f.error) return false;
  const a = plan?.files[prev.finding.fileId]?.deviceId ?? prev.finding.unitId ?? '';
  const b = plan?.files[f.fileId]?.deviceId ?? f.unitId ?? '';
  return a !== '' && a.toLowerCase() === b.toLowerCase();
}

export type Row = { kind: 'finding'; finding: FileFinding } | { kind: 'pending'; fileId: string; sourceName: string; stage: FileStage };

export function FindingsTable({
  rows,
  plan,
  players,
  window,
  localZone,
  busy,
  onPlan,
  onChoice,
  onRescan,
}: {
  rows: Row[];
  plan: ImportPlan;
  players: Player[];
  window: { startMs: number; endMs: number };
  localZone: string;
  busy: boolean;
  onPlan: (fileId: string, p: FilePlan) => void;
  onChoice: (deviceId: string, c: Choice) => void;
  onRescan: (fileId: string, opts: { timeZone?: string; ignoreChecksums?: boolean }) => void;
}) {
  return (
    <div className="findings-wrap">
    <table className="data findings" aria-label="Files found">
      <thead>
        <tr>
          <th scope="col">Import</th>
          <th scope="col">File</th>
          <th scope="col">Unit</th>
          <th scope="col">Player</th>
          <th scope="col">From – to ({localZone})</th>
          <th scope="col">Overlap with the session</th>
          <th scope="col">Samples and rates</th>
          <th scope="col">Problems</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) =>
          r.kind === 'pending' ? (
            <PendingRow key={r.fileId} sourceName={r.sourceName} stage={r.stage} />
          ) : (
            <FindingRow
              key={r.finding.fileId}
              finding={r.finding}
              plan={plan.files[r.finding.fileId]}
              choice={choiceFor(plan, plan.files[r.finding.fileId]?.deviceId ?? r.finding.unitId ?? '')}
              players={players}
              window={window}
              localZone={localZone}
              busy={busy}
              onPlan={(p) => onPlan(r.finding.fileId, p)}
              onChoice={onChoice}
              onRescan={(o) => onRescan(r.finding.fileId, o)}
              sameUnitAsAbove={sameUnit(rows[i - 1], r.finding, plan)}
            />
          ),
        )}
      </tbody>
    </table>
    </div>
  );
}
