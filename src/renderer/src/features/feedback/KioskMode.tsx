/**
 * Kiosk mode for a tablet or the laptop passed around: a grid of the session's players; a player
 * taps their name and answers one question per screen (big targets, anchor words); then back to
 * the grid. Every tap is saved at once ("Saved" shows only once the core has stored it). A
 * player's answers are never shown to the next: each visit starts blank, and the grid only says
 * who has answered. After the idle timeout it returns to the grid. Keyboard: Tab/arrows and
 * Enter, digits pick a value, Escape goes back to the grid.
 * It fills the window (the page hides the app's navigation); leaving is for the scientist:
 * "Exit kiosk" (or Escape on the grid) asks for a confirmation, which lapses after the idle timeout.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScaleItem, SessionFeedback, SurveyScale } from '../../../../shared/domain/survey.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';

interface Question {
  kind: 'rpe' | 'wellness';
  scale: SurveyScale;
  item: ScaleItem;
}

const values = (it: ScaleItem) => {
  const out: number[] = [];
  for (let v = it.min; v <= it.max; v += it.step) out.push(v);
  return it.better === 'high' ? out.reverse() : out;
};

export function KioskMode({ feedback, onChanged, onExit }: { feedback: SessionFeedback; onChanged: () => void; onExit: () => void }) {
  const api = useApi();
  const [player, setPlayer] = useState<string | null>(null);
  const [confirmExit, setConfirmExit] = useState(false);
  const [step, setStep] = useState(0);
  // This visit's answers only (never read back from the store).
  const [given, setGiven] = useState<Record<string, number>>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const idle = useRef<number | null>(null);
  const questions: Question[] = [
    { kind: 'rpe', scale: feedback.rpeScale, item: feedback.rpeScale.items[0] },
    ...feedback.wellnessScale.items.map((item) => ({ kind: 'wellness' as const, scale: feedback.wellnessScale, item })),
  ];
  const toGrid = useCallback(() => {
    setPlayer(null);
    setStep(0);
    setGiven({});
    setState('idle');
    setError(null);
    setConfirmExit(false);
    onChanged();
  }, [onChanged]);
  // Idle timeout: any key or tap restarts it; when it runs out, back to the grid.
  useEffect(() => {
    if (!player && !confirmExit) return;
    const reset = () => {
      if (idle.current) window.clearTimeout(idle.current);
      idle.current = window.setTimeout(toGrid, feedback.settings.kioskIdleS * 1000);
    };
    reset();
    window.addEventListener('pointerdown', reset);
    window.addEventListener('keydown', reset);
    return () => {
      if (idle.current) window.clearTimeout(idle.current);
      window.removeEventListener('pointerdown', reset);
      window.removeEventListener('keydown', reset);
    };
  }, [player, confirmExit, toGrid, feedback.settings.kioskIdleS]);

  const q = questions[step];
  const choose = async (v: number) => {
    if (!player || !q) return;
    setGiven((g) => ({ ...g, [`${q.kind}:${q.item.key}`]: v }));
    setState('saving');
    setError(null);
    try {
      await api['surveys:answer']({
        sessionId: feedback.sessionId,
        playerId: player,
        kind: q.kind,
        item: q.item.key,
        value: v,
        source: 'kiosk',
        scale: q.kind === 'wellness' ? { id: q.scale.id, version: q.scale.version } : null,
      });
      setState('saved');
      window.setTimeout(() => {
        setStep((s) => (s === step ? s + 1 : s));
        setState('idle');
      }, 350);
    } catch (e) {
      setState('idle');
      setError(`Not saved: ${errorMessage(e)}. Tap the answer again.`);
    }
  };

  // Digits pick a value on the question screen; Escape goes back to the grid.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (player || confirmExit) toGrid();
        else setConfirmExit(true);
      } else if (!player) return;
      else if (q && /^[0-9]$/.test(e.key) && !(e.target instanceof HTMLInputElement)) {
        const v = Number(e.key);
        if (v >= q.item.min && v <= q.item.max) void choose(v);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (confirmExit) {
    return (
      <section className="kiosk" aria-label="Kiosk" role="alertdialog" aria-labelledby="kiosk-exit-q">
        <p className="kiosk-q" id="kiosk-exit-q">
          Leave kiosk mode?
        </p>
        <p>For the staff only: the app's pages (results, roster, settings) come back. Players, tap “Stay in kiosk”.</p>
        <div className="kiosk-nav">
          <button type="button" className="primary big" onClick={toGrid} autoFocus>
            Stay in kiosk
          </button>
          <button type="button" className="danger" onClick={onExit}>
            Yes, leave kiosk mode
          </button>
        </div>
      </section>
    );
  }

  if (!player) {
    const done = feedback.players.filter((p) => p.complete.rpe && p.complete.wellness).length;
    return (
      <section className="kiosk" aria-label="Kiosk">
        <div className="kiosk-head">
          <p className="kiosk-q">Tap your name</p>
          <button type="button" className="kiosk-exit" onClick={() => setConfirmExit(true)}>
            Exit kiosk
          </button>
        </div>
        <p className="kiosk-progress" role="status">
          {done} of {feedback.players.length} players have answered
        </p>
        <div className="kiosk-grid">
          {feedback.players.map((p) => {
            const complete = p.complete.rpe && p.complete.wellness;
            return (
              <button key={p.playerId} type="button" className={complete ? 'done' : undefined} onClick={() => setPlayer(p.playerId)} data-player={p.playerName}>
                {p.playerName}
                <span className="state">{complete ? '✔ answered' : p.complete.rpe || p.wellness ? '◐ partly answered' : '○ not yet'}</span>
              </button>
            );
          })}
        </div>
      </section>
    );
  }

  const name = feedback.players.find((p) => p.playerId === player)?.playerName ?? '';
  if (!q) {
    return (
      <section className="kiosk" aria-label="Kiosk">
        <p className="kiosk-q">Thank you, {name}!</p>
        <p>All your answers are saved. Pass the device on.</p>
        <div className="kiosk-nav">
          <button type="button" className="primary big" onClick={toGrid} autoFocus>
            Back to the players
          </button>
        </div>
      </section>
    );
  }
  const picked = given[`${q.kind}:${q.item.key}`];
  return (
    <section className="kiosk" aria-label="Kiosk">
      <p className="kiosk-who">
        {name} · question {step + 1} of {questions.length}
      </p>
      <p className="kiosk-q" id="kiosk-question">
        {q.kind === 'rpe' ? q.scale.prompt : q.item.label}
      </p>
      <div className="kiosk-scale" role="group" aria-labelledby="kiosk-question">
        {values(q.item).map((v) => (
          <button key={v} type="button" aria-pressed={picked === v} onClick={() => void choose(v)} disabled={state === 'saving'}>
            {v}
            <span className="anchor">{q.item.anchors[String(v)] ?? ''}</span>
          </button>
        ))}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="kiosk-nav">
        <button type="button" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
          ← Previous question
        </button>
        <button type="button" onClick={() => setStep((s) => s + 1)}>
          Skip
        </button>
        <button type="button" onClick={toGrid}>
          Back to the players
        </button>
        <span className={state === 'saved' ? 'saved' : 'saving'} role="status" aria-live="polite">
          {state === 'saving' ? 'Saving…' : state === 'saved' ? '✔ Saved' : ''}
        </span>
      </div>
    </section>
  );
}
