/**
 * The scientist's fast grid: one row per player, typed answers. Tab moves along a row, Enter
 * saves and moves down the column. Each cell is saved when it is left (or Enter), and says so.
 */
import { useState, type KeyboardEvent } from 'react';
import type { PlayerFeedback, ScaleItem, SessionFeedback } from '../../../../shared/domain/survey.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { FlagList } from './FlagList.tsx';
import { href } from '../../app/router.ts';

type CellState = 'saved' | 'failed' | 'saving';

/**
 * Minutes typed beyond what the session could hold are marked to check, not refused (extra time
 * and warm-ups happen): more than the session's length plus a quarter of it, and at least 15 min.
 */
export function longMinutesLimit(sessionMin: number): number {
  return Math.round(sessionMin + Math.max(15, sessionMin * 0.25));
}

export function FastGrid({ feedback, sessionMin, onChanged }: { feedback: SessionFeedback; sessionMin: number | null; onChanged: () => void }) {
  const api = useApi();
  const [cells, setCells] = useState<Record<string, { state: CellState; message?: string }>>({});
  const scale = feedback.wellnessScale;
  // Headers in two lines (name, then range): the grid fits the window at 1366 px with its Flags.
  const cols: { key: string; label: string; name: string; range: string; item: ScaleItem | null; kind: 'rpe' | 'wellness' | 'minutes' }[] = [
    { key: 'rpe', label: 'RPE (0–10)', name: 'RPE', range: '0–10', item: feedback.rpeScale.items[0], kind: 'rpe' },
    { key: 'minutes', label: 'Minutes', name: 'Minutes', range: '', item: null, kind: 'minutes' },
    ...scale.items.map((it) => ({ key: it.key, label: `${it.short} (${it.min}–${it.max})`, name: it.short, range: `${it.min}–${it.max}`, item: it, kind: 'wellness' as const })),
  ];
  const limit = sessionMin === null ? null : longMinutesLimit(sessionMin);
  const current = (p: PlayerFeedback, c: (typeof cols)[number]): string => {
    if (c.kind === 'rpe') return p.rpe === null ? '' : String(p.rpe);
    if (c.kind === 'minutes') return p.durationSource === 'answer' && p.durationMin !== null ? String(p.durationMin) : '';
    const w = p.wellness;
    return w && w.scaleId === scale.id && w.scaleVersion === scale.version && w.items[c.key] !== undefined ? String(w.items[c.key]) : '';
  };
  const save = async (p: PlayerFeedback, c: (typeof cols)[number], raw: string) => {
    const id = `${p.playerId}:${c.key}`;
    const text = raw.trim().replace(',', '.');
    if (text === current(p, c)) return;
    const value = text === '' ? null : Number(text);
    if (value !== null && !Number.isFinite(value)) {
      setCells((s) => ({ ...s, [id]: { state: 'failed', message: `"${raw}" is not a number` } }));
      return;
    }
    setCells((s) => ({ ...s, [id]: { state: 'saving' } }));
    try {
      if (c.kind === 'minutes') await api['surveys:setDuration']({ sessionId: feedback.sessionId, playerId: p.playerId, durationMin: value });
      else
        await api['surveys:answer']({
          sessionId: feedback.sessionId,
          playerId: p.playerId,
          kind: c.kind,
          item: c.item!.key,
          value,
          source: 'grid',
          scale: c.kind === 'wellness' ? { id: scale.id, version: scale.version } : null,
        });
      setCells((s) => ({ ...s, [id]: { state: 'saved' } }));
      onChanged();
    } catch (e) {
      setCells((s) => ({ ...s, [id]: { state: 'failed', message: errorMessage(e) } }));
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = document.querySelector<HTMLInputElement>(`input[data-cell="${row + 1}:${col}"]`) ?? document.querySelector<HTMLInputElement>(`input[data-cell="0:${col + 1}"]`);
    (e.target as HTMLInputElement).blur();
    next?.focus();
    next?.select();
  };
  return (
    <div className="table-scroll">
      <table className="data numeric fb-grid" aria-label="Answers, one row per player">
        <thead>
          <tr>
            <th scope="col">Player</th>
            {cols.map((c) => (
              <th scope="col" key={c.key} aria-label={c.label}>
                {c.name}
                {c.range && <span className="range">({c.range})</span>}
              </th>
            ))}
            <th scope="col">sRPE (AU)</th>
            {scale.total && <th scope="col">Total</th>}
            <th scope="col" className="text">Flags</th>
          </tr>
        </thead>
        <tbody>
          {feedback.players.map((p, r) => (
            <tr key={p.playerId}>
              <th scope="row">
                <a href={href('player', p.playerId)}>{p.playerName}</a>
              </th>
              {cols.map((c, ci) => {
                const id = `${p.playerId}:${c.key}`;
                const st = cells[id];
                return (
                  <td key={`${c.key}:${current(p, c)}`} className={st?.state}>
                    <input
                      defaultValue={current(p, c)}
                      inputMode="decimal"
                      aria-label={`${p.playerName}: ${c.label}`}
                      data-cell={`${r}:${ci}`}
                      placeholder={c.kind === 'minutes' && p.durationMin !== null ? String(p.durationMin) : ''}
                      onBlur={(e) => void save(p, c, e.target.value)}
                      onKeyDown={(e) => onKey(e, r, ci)}
                    />
                    {st?.state === 'saved' && <span className="sr-only">saved</span>}
                    {st?.state === 'failed' && <div className="cell-error">{st.message}</div>}
                    {c.kind === 'minutes' && limit !== null && p.durationSource === 'answer' && p.durationMin !== null && p.durationMin > limit && (
                      <div className="cell-warning" role="note">
                        ⚠ Longer than the {sessionMin} min session: check
                      </div>
                    )}
                  </td>
                );
              })}
              <td>{p.srpeAu === null ? '—' : Math.round(p.srpeAu)}</td>
              {scale.total && <td>{p.wellness?.total ?? '—'}</td>}
              <td className="fb-flags text">
                <FlagList flags={p.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
