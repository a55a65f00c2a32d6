/**
 * Import a survey CSV from another tool: the app reads it and guesses which column holds what;
 * you check the mapping and import. Flagged rows, refused rows and unmatched players are listed.
 */
import { useState } from 'react';
import type { ImportMappingInput, ImportPreview, SurveyImportResult } from '../../../../shared/domain/survey.ts';
import { useApi, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { Notice } from '../../components/Notice.tsx';

const FIELDS: { key: 'player' | 'date' | 'session' | 'rpe' | 'duration' | 'statedLoad'; label: string }[] = [
  { key: 'player', label: 'Player (name or id)' },
  { key: 'date', label: 'Date' },
  { key: 'session', label: 'Session' },
  { key: 'rpe', label: 'RPE (CR-10)' },
  { key: 'duration', label: 'Duration (min)' },
  { key: 'statedLoad', label: 'Stated load (AU)' },
];

export function SurveyImport({ onImported }: { onImported: () => void }) {
  const api = useApi();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMappingInput | null>(null);
  const [result, setResult] = useState<SurveyImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scales = useLoad(() => api['surveys:settings'](), []);
  // Wellness item -> column as the user set it ('' = none); the guess fills it.
  const [items, setItems] = useState<Record<string, string>>({});
  const pick = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    setResult(null);
    try {
      const text = await f.text();
      const p = await api['surveys:previewImport']({ fileName: f.name, text });
      setFile({ name: f.name, text });
      setPreview(p);
      setMapping(p.guess ?? { player: p.columns[0] ?? '', date: null, rpe: null });
      setItems(p.guess?.wellness?.items ?? {});
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const run = async () => {
    if (!file || !mapping) return;
    setBusy(true);
    setError(null);
    try {
      const chosen = Object.fromEntries(Object.entries(items).filter(([, c]) => c !== ''));
      const wellness = mapping.wellness && Object.keys(chosen).length > 0 ? { ...mapping.wellness, items: chosen } : null;
      setResult(await api['surveys:import']({ fileName: file.name, text: file.text, mapping: { ...mapping, wellness } }));
      onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const set = (k: string, v: string | null) => setMapping((m) => (m ? { ...m, [k]: v } : m));
  // The wellness scale's items: the known scale's (by key), or the file's own scale's (by label).
  const w = mapping?.wellness ?? null;
  const known = w?.scale ? scales.data?.scales.find((x) => x.id === w.scale?.id && x.version === w.scale?.version) : undefined;
  const itemRows: { key: string; label: string }[] = known ? known.items.map((i) => ({ key: i.key, label: i.label })) : Object.keys(w?.items ?? {}).map((k) => ({ key: k, label: k }));
  const wellnessScales = scales.data?.scales.filter((x) => x.kind === 'wellness' && x.builtIn) ?? [];
  const chooseScale = (ref: string) => {
    if (!mapping) return;
    if (ref === '') {
      setMapping({ ...mapping, wellness: null });
      setItems({});
      return;
    }
    if (ref === 'file' && preview?.guess?.wellness) {
      setMapping({ ...mapping, wellness: preview.guess.wellness });
      setItems(preview.guess.wellness.items);
      return;
    }
    const sc = wellnessScales.find((x) => `${x.id}@${x.version}` === ref);
    if (!sc) return;
    // Guess each item's column from its name (the user confirms below).
    const guessed: Record<string, string> = {};
    for (const it of sc.items) {
      const c = preview?.columns.find((col) => col.trim().toLowerCase() === it.label.toLowerCase() || col.trim().toLowerCase() === it.key.toLowerCase());
      if (c) guessed[it.key] = c;
    }
    setMapping({ ...mapping, wellness: { scale: { id: sc.id, version: sc.version }, custom: null, items: guessed } });
    setItems(guessed);
  };
  const scaleValue = w ? (w.scale ? `${w.scale.id}@${w.scale.version}` : 'file') : '';
  return (
    <div>
      <label>
        Survey file (CSV){' '}
        <input type="file" accept=".csv,text/csv" aria-label="Survey file" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {error && <Notice kind="error">{error}</Notice>}
      {preview && mapping && (
        <>
          <p>
            <strong>{preview.file}</strong>: {preview.rows} rows. Check which column holds what:
          </p>
          {preview.notes.map((n, i) => (
            <Notice key={i} kind="warning">
              {n}
            </Notice>
          ))}
          <table className="data map-table" aria-label="Column mapping">
            <tbody>
              {FIELDS.map((f) => (
                <tr key={f.key}>
                  <th scope="row">{f.label}</th>
                  <td>
                    <select aria-label={f.label} value={(mapping[f.key] as string | null | undefined) ?? ''} onChange={(e) => set(f.key, e.target.value || null)}>
                      <option value="">(none)</option>
                      {preview.columns.map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">Date format</th>
                <td>
                  <select aria-label="Date format" value={mapping.dateFormat ?? 'ymd'} onChange={(e) => setMapping({ ...mapping, dateFormat: e.target.value as 'ymd' | 'dmy' | 'mdy' })}>
                    <option value="ymd">year-month-day (2026-03-14)</option>
                    <option value="dmy">day/month/year (14/03/2026)</option>
                    <option value="mdy">month/day/year (03/14/2026)</option>
                  </select>
                </td>
              </tr>
              <tr>
                <th scope="row">Wellness scale</th>
                <td>
                  <select aria-label="Wellness scale" value={scaleValue} onChange={(e) => chooseScale(e.target.value)}>
                    <option value="">(no wellness in this file)</option>
                    {wellnessScales.map((x) => (
                      <option key={`${x.id}@${x.version}`} value={`${x.id}@${x.version}`}>
                        {x.name}
                      </option>
                    ))}
                    {preview.guess?.wellness?.custom && <option value="file">The file's own scale ({preview.guess.wellness.custom.min}–{preview.guess.wellness.custom.max})</option>}
                  </select>
                  {mapping.wellness?.custom && (
                    <>
                      {' '}
                      <select
                        aria-label="Better end"
                        value={mapping.wellness.custom.better}
                        onChange={(e) => setMapping((m) => (m && m.wellness?.custom ? { ...m, wellness: { ...m.wellness, custom: { ...m.wellness.custom, better: e.target.value as 'high' | 'low' } } } : m))}
                      >
                        <option value="high">{mapping.wellness.custom.max} is best</option>
                        <option value="low">{mapping.wellness.custom.min} is best</option>
                      </select>
                    </>
                  )}
                </td>
              </tr>
              {itemRows.map((it) => (
                <tr key={it.key}>
                  <th scope="row">Wellness: {it.label}</th>
                  <td>
                    <select aria-label={`Wellness item ${it.label}`} value={items[it.key] ?? ''} onChange={(e) => setItems((m) => ({ ...m, [it.key]: e.target.value }))}>
                      <option value="">(none)</option>
                      {preview.columns.map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </>
      )}
      {result && (
        <Notice kind={result.errors.length ? 'warning' : 'success'} title={`${result.file}: ${result.added} new answer(s), ${result.alreadyThere} already there`}>
          <p>
            RPE {result.answers.rpe}, wellness {result.answers.wellness}; {result.empty.count} row(s) without answers.
          </p>
          {result.flagged.length > 0 && (
            <details>
              <summary>{result.flagged.length} row(s) flagged: stated load ≠ RPE × minutes</summary>
              <ul>
                {result.flagged.slice(0, 200).map((f) => (
                  <li key={f.line}>
                    line {f.line} ({f.player}, {f.date}): {f.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {result.errors.length > 0 && (
            <details open>
              <summary>{result.errors.length} row(s) not imported</summary>
              <ul>
                {result.errors.slice(0, 200).map((f) => (
                  <li key={f.line}>
                    line {f.line}: {f.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {result.unmatched.length > 0 && <p>{result.unmatched.length} player(s) in the file are not in the roster: assign them below (their answers are kept).</p>}
        </Notice>
      )}
    </div>
  );
}
