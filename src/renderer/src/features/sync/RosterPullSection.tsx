import { useState } from 'react';
import type { RosterDifference, RosterPullResult, RosterSkipped } from '../../../../shared/api/sync.contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';

const FIELD_LABEL: Record<RosterDifference['field'], string> = {
  name: 'name',
  position: 'position',
  device: 'device id',
  'worn by': 'worn by',
};

/** One record the pull held back, in the user's words. */
function skippedText(s: RosterSkipped): string {
  const when = formatDateTime(s.deletedAt);
  if (s.kind === 'unit' && s.matchedBy === 'device') {
    // Another record of the device (another laptop registered it under its own id): the server may list it on.
    return `Unit ${s.label}: the server lists this device under another unit id; you deleted unit ${s.deletedLabel} on this laptop on ${when}, so it was not added.`;
  }
  const what = s.kind === 'player' ? `Player ${s.label}: you deleted this player${s.deletedLabel === s.label ? '' : ` (as ${s.deletedLabel})`}` : `Unit ${s.label}: you deleted this unit`;
  return `${what} on this laptop on ${when}. ${s.deletionSynced ? 'The server has the deletion.' : 'The deletion has not reached the server yet; it goes with the next sync.'}`;
}

function skippedSummary(skipped: RosterSkipped[]): string {
  const players = skipped.filter((s) => s.kind === 'player').length;
  const units = skipped.length - players;
  const parts = [players > 0 ? plural(players, 'player') : null, units > 0 ? plural(units, 'unit') : null].filter((x) => x !== null);
  return `Not added back: ${parts.join(' and ')} you deleted on this laptop. To have one again, add it on the Roster page.`;
}

/** "Pull roster from the server": adds what the laptop lacks, lists what differs (docs/sync.md, "Roster pull"). */
export function RosterPullSection({ configured }: { configured: boolean }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RosterPullResult | null>(null);

  const pull = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api['sync:pullRoster']({}));
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Roster from the server" data-testid="roster-pull">
      <h2>Roster from the server</h2>
      <p className="muted">Adds the club's players and units this laptop does not have yet. Players and units already on this laptop are never changed: where the server differs, it is listed below.</p>
      <p>
        <button type="button" disabled={!configured || busy} onClick={() => void pull()}>
          {busy ? 'Pulling…' : 'Pull roster from the server'}
        </button>{' '}
        {!configured && <span className="muted">Set the server address and token below first.</span>}
        {error && (
          <span role="alert" className="inline-error" data-testid="roster-pull-error">
            {error}
          </span>
        )}
      </p>
      {result && (
        <div data-testid="roster-pull-result">
          <p role="status">
            {result.playersAdded.length === 0 && result.unitsAdded.length === 0
              ? 'Nothing new on the server: no player or unit added.'
              : `Added ${plural(result.playersAdded.length, 'player')} and ${plural(result.unitsAdded.length, 'unit')}.`}
          </p>
          {result.playersAdded.length > 0 && (
            <p data-testid="roster-players-added">Players added: {result.playersAdded.map((p) => p.name).join(', ')}</p>
          )}
          {result.unitsAdded.length > 0 && <p data-testid="roster-units-added">Units added: {result.unitsAdded.map((u) => u.deviceId).join(', ')}</p>}
          {result.skipped.length > 0 && (
            <div data-testid="roster-skipped">
              <p>{skippedSummary(result.skipped)}</p>
              <ul>
                {result.skipped.map((s) => (
                  <li key={`${s.kind}/${s.id}`}>{skippedText(s)}</li>
                ))}
              </ul>
            </div>
          )}
          {result.differences.length === 0 ? (
            <p className="muted">No differences between this laptop and the server.</p>
          ) : (
            <>
              <p>
                {plural(result.differences.length, 'difference')} with the server. This laptop's values were kept (local edits are never overwritten); change them on the Roster page if the server is right.
              </p>
              <table className="data" data-testid="roster-differences">
                <thead>
                  <tr>
                    <th scope="col">What</th>
                    <th scope="col">On this laptop</th>
                    <th scope="col">On the server</th>
                  </tr>
                </thead>
                <tbody>
                  {result.differences.map((d) => (
                    <tr key={`${d.kind}/${d.id}/${d.field}`}>
                      <td>
                        {d.kind === 'player' ? 'Player' : 'Unit'} {d.label}: {FIELD_LABEL[d.field]}
                      </td>
                      <td>{d.local || '(none)'}</td>
                      <td>{d.server || '(none)'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
