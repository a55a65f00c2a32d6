/** Demo mode: simulated units to try the whole flow with no hardware. */
import { useState } from 'react';
import type { DemoStatus } from '../../../../shared/api/devices.contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';

export function DemoControls({ demo, sessionId, onChange }: { demo: DemoStatus; sessionId: string | null; onChange: (d: DemoStatus) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: 'start' | 'stop') => {
    setError(null);
    setBusy(true);
    try {
      onChange(await api['devices:demo']({ action, ...(action === 'start' && sessionId ? { sessionId } : {}) }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="demo-h">
      <h2 id="demo-h">Demo mode</h2>
      {!demo.running && (
        <p className="muted">
          No units at hand? Plug in simulated units whose recordings cover the chosen session (or the last hour), and try the whole
          flow: assign, download, process.
        </p>
      )}
      {demo.running && (
        <Notice kind="info" title={`${demo.units.length} simulated units are plugged in`}>
          <p>
            {demo.units.join(', ')}.
            {demo.faulty.length > 0 &&
              ` ${demo.faulty.join(', ')} ${demo.faulty.length === 1 ? 'has' : 'have'} a loose cable: it drops out part-way through its download and comes back a moment later. Then click Retry: the download resumes where it stopped.`}
          </p>
        </Notice>
      )}
      <div className="process-row">
        {!demo.running ? (
          <button type="button" onClick={() => void run('start')} disabled={busy}>
            Start demo units
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void run('start')} disabled={busy}>
              Restart demo units
            </button>
            <button type="button" onClick={() => void run('stop')} disabled={busy}>
              Stop demo units
            </button>
          </>
        )}
      </div>
      {error && <Notice kind="error" title="Demo mode">{error}</Notice>}
    </section>
  );
}
