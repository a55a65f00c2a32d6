/**
 * One group of thresholds (quality gate, velocity bands...): each with its input in the unit it is
 * stored in, the display-unit equivalent for speeds, the default and where the default comes from.
 */
import { useEffect, useRef } from 'react';
import type { EngineSettings } from '../../../../shared/domain/settings.ts';
import { getSetting, pathKey, type SettingField, type SettingGroup } from '../../../../shared/domain/settings-fields.ts';
import { formatSpeedThreshold } from '../../../../shared/domain/format.ts';
import type { DisplayUnits } from '../../../../shared/domain/units.ts';
import { FieldError } from '../../components/FieldError.tsx';

function shown(f: SettingField, v: unknown): string {
  if (f.kind === 'choice') return f.choices?.find((c) => c.value === v)?.label ?? String(v);
  if (f.kind === 'boolean') return v ? 'yes' : 'no';
  return `${String(v)}${f.unit ? ` ${f.unit}` : ''}`;
}

/** Whether a field is in use with the current choices (relative edges in absolute mode are not). */
function inUse(f: SettingField, values: Record<string, string>): boolean {
  const mode = values['velocityBands.mode'];
  if (f.path[0] === 'velocityBands' && f.path[1] === 'absoluteMs') return mode !== 'relative';
  if (f.path[0] === 'velocityBands' && f.path[1] === 'relativePct') return mode === 'relative';
  return true;
}

export function ThresholdGroup({
  group,
  values,
  defaults,
  units,
  errors,
  disabled,
  onChange,
}: {
  group: SettingGroup;
  values: Record<string, string>;
  defaults: EngineSettings;
  units: DisplayUnits;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (key: string, value: string) => void;
}) {
  const keys = group.fields.map((f) => pathKey(f.path));
  // Problems that belong to the group rather than one input (e.g. "band edges must be strictly increasing").
  const belongs = (k: string) => k === group.id || k.startsWith(`${group.id}.`) || keys.some((fk) => fk.startsWith(`${k}.`));
  const groupErrors = Object.entries(errors).filter(([k]) => !keys.includes(k) && belongs(k));
  const problems = groupErrors.length + keys.filter((k) => errors[k]).length;
  const changed = group.fields.filter((f) => (values[pathKey(f.path)] ?? '') !== String(getSetting(defaults, f.path) ?? '')).length;
  // Folded by default (the page fits a screen); a group with a problem opens to show it.
  const box = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (problems > 0 && box.current) box.current.open = true;
  }, [problems]);
  return (
    <details className="settings-group" data-group={group.id} ref={box}>
      <summary id={`g-${group.id}`}>
        <span className="group-title">{group.title}</span>
        <span className="group-state">
          {changed > 0 ? `${changed} changed from default` : 'defaults'}
          {problems > 0 && <strong className="field-error inline"> ⚠ {problems} to fix</strong>}
        </span>
      </summary>
      <p className="muted">{group.note}</p>
      {groupErrors.map(([k, m]) => (
        <FieldError key={k} as="p" message={m} />
      ))}
      <table className="data settings-table">
        <thead>
          <tr>
            <th scope="col">Threshold</th>
            <th scope="col">Value</th>
            <th scope="col">Default</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {group.fields.map((f) => {
            const k = pathKey(f.path);
            const id = `s-${k.replace(/\./g, '-')}`;
            const v = values[k] ?? '';
            const def = getSetting(defaults, f.path);
            const err = errors[k];
            const speedHint = f.speed && units.speed !== 'm/s' && v.trim() !== '' && Number.isFinite(Number(v)) ? `= ${formatSpeedThreshold(Number(v), units.speed)}` : null;
            const used = inUse(f, values);
            return (
              <tr key={k} data-setting={k} className={used ? undefined : 'unused'}>
                <th scope="row">
                  <label htmlFor={id}>{f.label}</label>
                  {!used && <span className="tag">not used now</span>}
                </th>
                <td className="setting-value">
                  {f.kind === 'choice' ? (
                    <select id={id} value={v} onChange={(e) => onChange(k, e.target.value)} disabled={disabled}>
                      {f.choices?.map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  ) : f.kind === 'boolean' ? (
                    <input id={id} type="checkbox" className="big-check" checked={v === 'true'} onChange={(e) => onChange(k, String(e.target.checked))} disabled={disabled} />
                  ) : (
                    <>
                      <input
                        id={id}
                        className="num"
                        inputMode="decimal"
                        value={v}
                        onChange={(e) => onChange(k, e.target.value)}
                        disabled={disabled}
                        aria-invalid={err ? true : undefined}
                        aria-describedby={err ? `${id}-err` : undefined}
                      />{' '}
                      <span className="unit">{f.unit}</span>
                      {speedHint && <span className="hint"> {speedHint}</span>}
                    </>
                  )}
                  <FieldError message={err} id={`${id}-err`} />
                </td>
                <td>{shown(f, def)}</td>
                <td className="source">{f.source}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
