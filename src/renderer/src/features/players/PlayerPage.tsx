/**
 * The Player page: one player's sessions over time — external load, sRPE, wellness and the
 * acute:chronic ratio of the team's headline measure and method — and their flags. Opened from
 * any player name in the results and the roster (#/player/<id>).
 */
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ACWR_METHODS, LOAD_MEASURE_LABELS, type AcwrMethod } from '../../../../shared/domain/survey.ts';
import type { LoadSeriesResult } from '../../../../shared/domain/load.ts';
import { useApi, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';
import { href } from '../../app/router.ts';
import { FlagList } from '../feedback/FlagList.tsx';
import '../feedback/feedback.css';

const METHOD_LABEL: Record<AcwrMethod, string> = { ewma: 'EWMA', 'rolling-coupled': 'Rolling, coupled', 'rolling-uncoupled': 'Rolling, uncoupled' };
const AXIS = { fill: '#111', fontSize: 13 };

function acwrDays(s: LoadSeriesResult, m: AcwrMethod) {
  return m === 'ewma' ? s.ewma.days : m === 'rolling-coupled' ? s.coupled.days : s.uncoupled.days;
}

function methodText(s: LoadSeriesResult, m: AcwrMethod): string {
  if (m === 'ewma') {
    const e = s.ewma.method;
    return `EWMA: acute N = ${e.acuteN} (λ = ${e.acuteLambda.toFixed(4)}), chronic N = ${e.chronicN} (λ = ${e.chronicLambda.toFixed(4)}), started at the ${e.start}; NA days ${e.na}.`;
  }
  const r = m === 'rolling-coupled' ? s.coupled.method : s.uncoupled.method;
  return `Rolling means: acute ${r.acuteDays} days, chronic ${r.chronicDays} days (${r.coupling}); NA days ${r.na}.`;
}

export function PlayerPage({ id }: { id: string }) {
  const api = useApi();
  const ov = useLoad(() => api['load:player']({ playerId: id }), [id]);
  const settings = useLoad(() => api['surveys:settings'](), []);
  const [method, setMethod] = useState<AcwrMethod | null>(null);
  const [avail, setAvail] = useState({ from: '', to: '', status: 'injured' as 'available' | 'injured' | 'unavailable' | 'unknown' | 'default' });
  const [availMsg, setAvailMsg] = useState<string | null>(null);
  if (ov.error) return <Notice kind="error">{ov.error}</Notice>;
  const o = ov.data;
  if (!o) return <p role="status">Loading…</p>;
  const headline = o.load.headline;
  const m = method ?? headline.method;
  const series = o.load.series.find((s) => s.measure === headline.measure) ?? o.load.series[0] ?? null;
  const bands = settings.data?.settings.acwrBands;
  const acwr = series ? acwrDays(series, m).map((d) => ({ date: d.date, ratio: d.ratio, acute: d.acute, chronic: d.chronic })) : [];
  const sessions = o.sessions.map((s) => ({ date: s.date, name: s.sessionName, distance: s.distanceM, playerLoad: s.playerLoad, srpe: s.srpeAu }));
  const wellScales = [...new Set(o.wellness.map((w) => `${w.scaleName}`))];
  const wellness = o.wellness.map((w) => ({ date: w.date, [w.scaleName]: w.total }));
  const setAvailability = async () => {
    try {
      const r = await api['load:setAvailability']({ playerId: id, from: avail.from, to: avail.to || avail.from, status: avail.status });
      setAvailMsg(`${r.days} day(s) set to ${avail.status}.`);
      ov.reload();
    } catch (e) {
      setAvailMsg(errorMessage(e));
    }
  };
  return (
    <>
      <p className="crumbs">
        <a href={href('roster')}>← Roster</a>
      </p>
      <h1>
        {o.playerName} {o.position && <span className="tag">{o.position}</span>}
      </h1>
      <p className="muted">
        {o.load.from ? `Data from ${o.load.from} to ${o.load.to}.` : 'No sessions or answers yet.'} Days without a session count 0 when the player was available, NA when
        injured, unavailable or unknown.
      </p>

      <h2>Sessions: external load and sRPE</h2>
      {sessions.length === 0 ? (
        <p>No processed session or RPE yet.</p>
      ) : (
        <figure style={{ margin: 0 }} aria-label="External load and sRPE per session" id="player-load-chart">
          <ResponsiveContainer width="100%" height={300}>
            <ComposedChart data={sessions} margin={{ top: 10, right: 20, bottom: 30, left: 10 }}>
              <CartesianGrid stroke="#c8c8c8" vertical={false} />
              <XAxis dataKey="date" tick={AXIS} angle={-25} textAnchor="end" height={50} />
              <YAxis yAxisId="d" tick={AXIS} label={{ value: 'Distance (m)', angle: -90, position: 'insideLeft', fill: '#111' }} />
              <YAxis yAxisId="a" orientation="right" tick={AXIS} label={{ value: 'AU', angle: 90, position: 'insideRight', fill: '#111' }} />
              <Tooltip />
              <Legend />
              <Bar yAxisId="d" dataKey="distance" name="Distance (m)" fill="#0047ab" isAnimationActive={false} />
              <Line yAxisId="a" dataKey="srpe" name="sRPE (AU)" stroke="#b00020" strokeWidth={3} dot={{ r: 4 }} connectNulls isAnimationActive={false} />
              <Line yAxisId="a" dataKey="playerLoad" name="PlayerLoad (AU)" stroke="#0a5c1f" strokeWidth={2} strokeDasharray="6 3" connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </figure>
      )}

      <h2>Acute:chronic ({series ? LOAD_MEASURE_LABELS[series.measure] : '—'})</h2>
      <div className="metric-picker" role="group" aria-label="ACWR method">
        {ACWR_METHODS.map((x) => (
          <button key={x} type="button" aria-pressed={x === m} onClick={() => setMethod(x)}>
            {METHOD_LABEL[x]}
            {x === headline.method ? ' (headline)' : ''}
          </button>
        ))}
      </div>
      {series ? (
        <figure style={{ margin: 0 }} aria-label="Acute:chronic ratio over time" id="player-acwr-chart">
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={acwr} margin={{ top: 10, right: 150, bottom: 30, left: 10 }}>
              <CartesianGrid stroke="#c8c8c8" vertical={false} />
              <XAxis dataKey="date" tick={AXIS} minTickGap={40} />
              <YAxis tick={AXIS} domain={[0, 'auto']} />
              <Tooltip />
              {bands && <ReferenceLine y={bands.low} stroke="#7a4a00" strokeDasharray="4 4" label={{ value: `team band ${bands.low}`, position: 'right', fill: '#7a4a00', fontSize: 13 }} />}
              {bands && <ReferenceLine y={bands.high} stroke="#7a4a00" strokeDasharray="4 4" label={{ value: `team band ${bands.high}`, position: 'right', fill: '#7a4a00', fontSize: 13 }} />}
              <Line dataKey="ratio" name="Acute:chronic" stroke="#0047ab" strokeWidth={3} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="muted">
            {methodText(series, m)} No ratio before 28 days of data; none where the chronic load is 0. The band lines are the team's own settings, not injury predictions.
            Latest: {(() => {
              const last = acwr.at(-1);
              return last?.ratio != null ? `${last.ratio.toFixed(2)} (acute ${last.acute?.toFixed(1)}, chronic ${last.chronic?.toFixed(1)})` : 'no ratio yet';
            })()}
          </figcaption>
        </figure>
      ) : (
        <p>No load history yet.</p>
      )}
      {series && (
        <p className="muted">
          Weekly load {series.week.days.at(-1)?.weeklyLoad?.toFixed(0) ?? '—'}, monotony {series.week.days.at(-1)?.monotony?.toFixed(2) ?? '—'}, strain{' '}
          {series.week.days.at(-1)?.strain?.toFixed(0) ?? '—'} (last 7 days; Foster 1998, sample SD; none when a day is NA).
        </p>
      )}

      <h2>Wellness</h2>
      {wellness.length === 0 ? (
        <p>No wellness answers yet.</p>
      ) : (
        <figure style={{ margin: 0 }} aria-label="Wellness total over time" id="player-wellness-chart">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={wellness} margin={{ top: 10, right: 20, bottom: 30, left: 10 }}>
              <CartesianGrid stroke="#c8c8c8" vertical={false} />
              <XAxis dataKey="date" tick={AXIS} minTickGap={40} />
              <YAxis tick={AXIS} />
              <Tooltip />
              <Legend />
              {wellScales.map((s, i) => (
                <Line key={s} dataKey={s} name={`${s}: total`} stroke={i === 0 ? '#0a5c1f' : '#7a4a00'} strokeWidth={3} connectNulls isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}

      <h2>Flags</h2>
      {o.flags.length === 0 ? (
        <p>No flags.</p>
      ) : (
        <table className="data" aria-label="Flags">
          <tbody>
            {o.flags.slice(0, 40).map((f, i) => (
              <tr key={i}>
                <th scope="row">{f.date}</th>
                <td>
                  <FlagList flags={f.flags} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Availability</h2>
      <div className="inline-form">
        <label>
          From
          <input type="date" value={avail.from} onChange={(e) => setAvail({ ...avail, from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={avail.to} onChange={(e) => setAvail({ ...avail, to: e.target.value })} />
        </label>
        <label>
          Status
          <select value={avail.status} onChange={(e) => setAvail({ ...avail, status: e.target.value as typeof avail.status })}>
            <option value="injured">Injured (NA)</option>
            <option value="unavailable">Unavailable (NA)</option>
            <option value="unknown">Unknown (NA)</option>
            <option value="available">Available (0 without a session)</option>
            <option value="default">Default rule</option>
          </select>
        </label>
        <button type="button" onClick={() => void setAvailability()} disabled={!avail.from}>
          Set
        </button>
      </div>
      {availMsg && <p role="status">{availMsg}</p>}
    </>
  );
}
