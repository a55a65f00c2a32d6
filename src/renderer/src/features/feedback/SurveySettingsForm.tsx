/** Survey settings (own group of the Settings page): the wellness scale, flag thresholds, kiosk and load headline. */
import { useState } from 'react';
import { ACWR_METHODS, LOAD_MEASURES, LOAD_MEASURE_LABELS } from '../../../../shared/domain/survey.ts';
import { useApi, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';

export function SurveySettingsForm() {
  const api = useApi();
  const info = useLoad(() => api['surveys:settings'](), []);
  const [msg, setMsg] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const s = info.data?.settings;
  const save = async (patch: Record<string, unknown>) => {
    try {
      await api['surveys:updateSettings']({ patch });
      setMsg({ kind: 'success', text: 'Saved. Answers already given keep the scale they were given on.' });
      info.reload();
    } catch (e) {
      setMsg({ kind: 'error', text: errorMessage(e) });
    }
  };
  if (!s || !info.data) return <p role="status">Loading…</p>;
  const num = (key: string, label: string, value: number, step = 0.1) => (
    <label>
      {label}
      <input type="number" step={step} defaultValue={value} aria-label={label} onBlur={(e) => Number(e.target.value) !== value && void save({ [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <section aria-label="Player Feedback settings">
      <h2>Player Feedback</h2>
      {info.data.unreadable && <Notice kind="warning">The stored survey settings could not be read (another version wrote them): the defaults are in use until you save.</Notice>}
      <div className="inline-form">
        <label>
          Wellness scale
          <select
            aria-label="Wellness scale"
            value={`${s.wellnessScale.id}@${s.wellnessScale.version}`}
            onChange={(e) => {
              const [id, v] = e.target.value.split('@');
              void save({ wellnessScale: { id, version: Number(v) } });
            }}
          >
            {info.data.scales
              .filter((x) => x.kind === 'wellness')
              .map((x) => (
                <option key={`${x.id}@${x.version}`} value={`${x.id}@${x.version}`}>
                  {x.name} (v{x.version})
                </option>
              ))}
          </select>
        </label>
        {num('amberZ', 'Amber at |z| ≥', s.amberZ)}
        {num('redZ', 'Red at |z| ≥', s.redZ)}
        {num('baselineDays', 'Baseline days', s.baselineDays, 1)}
        {num('minBaselineAnswers', 'Fewest baseline answers', s.minBaselineAnswers, 1)}
        {num('earlyRpeMin', 'RPE early before (min)', s.earlyRpeMin, 1)}
        {num('kioskIdleS', 'Kiosk back to grid after (s)', s.kioskIdleS, 1)}
      </div>
      <div className="inline-form">
        <label>
          Headline load
          <select aria-label="Headline load" value={s.headline.measure} onChange={(e) => void save({ headline: { measure: e.target.value } })}>
            {LOAD_MEASURES.map((m) => (
              <option key={m} value={m}>
                {LOAD_MEASURE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Headline ratio
          <select aria-label="Headline ratio" value={s.headline.method} onChange={(e) => void save({ headline: { method: e.target.value } })}>
            {ACWR_METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Team band low
          <input type="number" step={0.05} defaultValue={s.acwrBands.low} aria-label="Team band low" onBlur={(e) => Number(e.target.value) !== s.acwrBands.low && void save({ acwrBands: { low: Number(e.target.value) } })} />
        </label>
        <label>
          Team band high
          <input type="number" step={0.05} defaultValue={s.acwrBands.high} aria-label="Team band high" onBlur={(e) => Number(e.target.value) !== s.acwrBands.high && void save({ acwrBands: { high: Number(e.target.value) } })} />
        </label>
      </div>
      <p className="muted">
        Flags: z of today's answer against the player's previous days (sample SD), read in the item's worse direction (McLean 2010; Hooper & Mackinnon 1995). The ACWR bands are
        the team's own, not injury predictions (Impellizzeri et al. 2020). Changing these never makes a result stale.
      </p>
      {msg && <Notice kind={msg.kind}>{msg.text}</Notice>}
    </section>
  );
}
