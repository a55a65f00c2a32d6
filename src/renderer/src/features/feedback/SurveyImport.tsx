/**
 * Import a survey CSV from another tool: the app reads it and guesses which column holds what;
 * you check the mapping and import. Flagged rows, refused rows and unmatched players are listed.
 */
import { useState } from 'react';
import type { ImportMappingInput, ImportPreview, SurveyImportResult } from '../../../../shared/domain/survey.ts';
import { useApi } from '../../api/context.tsx';
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
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const run = async () => {
    if (!file || !mapping) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api['surveys:import']({ fileName: file.name, text: file.text, mapping }));
      onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const set = (k: string, v: string | null) => setMapping((m) => (m ? { ...m, [k]: v } : m));
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
              {mapping.wellness && (
                <tr>
                  <th scope="row">Wellness items</th>
                  <td>
                    {Object.entries(mapping.wellness.items).map(([k, c]) => `${k} ← ${c}`).join(', ')}
                    {mapping.wellness.custom && (
                      <>
                        {' '}
                        (the file's own scale {mapping.wellness.custom.min}–{mapping.wellness.custom.max},{' '}
                        <select
                          aria-label="Better end"
                          value={mapping.wellness.custom.better}
                          onChange={(e) => setMapping((m) => (m && m.wellness?.custom ? { ...m, wellness: { ...m.wellness, custom: { ...m.wellness.custom, better: e.target.value as 'high' | 'low' } } } : m))}
                        >
                          <option value="high">{mapping.wellness.custom.max} is best</option>
                          <option value="low">{mapping.wellness.custom.min} is best</option>
                        </select>
                        )
                      </>
                    )}
                  </td>
                </tr>
              )}
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
