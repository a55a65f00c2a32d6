/**
 * Team settings: display units (applied at once), every threshold of the engine with its unit,
 * default and source, position groups and players' own values (saved together). Saving recomputes
 * nothing: results keep the settings they were computed with until a session is processed again.
 * The stored settings follow the core's settings:changed event (this window's saves included).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { contract } from '../../../../shared/api/contract.ts';
import { humanIssue } from '../../../../shared/api/issue-text.ts';
import type { EngineSettings } from '../../../../shared/domain/settings.ts';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { DisplayUnits } from '../../../../shared/domain/units.ts';
import { SETTING_GROUPS } from '../../../../shared/domain/settings-fields.ts';
import { formatDateTime } from '../../../../shared/domain/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { usePlayers } from '../roster/useRoster.ts';
import { DisplayUnitsForm } from './DisplayUnitsForm.tsx';
import { ThresholdGroup } from './ThresholdGroup.tsx';
import { PositionGroupsEditor } from './PositionGroupsEditor.tsx';
import { PlayerValuesEditor } from './PlayerValuesEditor.tsx';
import { draftFromSettings, settingsFromDraft, type SettingsDraft } from './settings-draft.ts';
import { SurveySettingsForm } from '../feedback/SurveySettingsForm.tsx';
import { BackupSection } from './BackupSection.tsx';
import { useLeaveGuardSlot } from '../../app/leave-guard.tsx';

/** Bring the first marked problem into view (the save bar may be far below it). */
function showFirstProblem(): void {
  requestAnimationFrame(() => document.querySelector('.field-error')?.scrollIntoView({ block: 'center' }));
}

/** The core's validation issues by settings path ("quality.maxHdop"). */
function coreErrors(err: unknown): Record<string, string> | null {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION' || !Array.isArray(err.details)) return null;
  const out: Record<string, string> = {};
  for (const i of err.details as { path?: string; message?: string }[]) {
    const k = (i.path ?? '').replace(/^settings\.?/, '');
    out[k] = out[k] ? `${out[k]}; ${i.message ?? 'invalid'}` : (i.message ?? 'invalid');
  }
  return out;
}

/**
 * What is wrong with the form as typed, by settings path: what is not even a number (the draft),
 * then the core's own rules run here on every change (the same schema the core checks on Save),
 * so each problem shows beside its field as it is typed, in the same words.
 */
function liveErrors(draft: SettingsDraft, base: EngineSettings): Record<string, string> {
  const { settings, errors } = settingsFromDraft(draft, base);
  const parsed = contract['settings:update'].input.safeParse({ settings }, { error: humanIssue });
  const out: Record<string, string> = {};
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const k = i.path.join('.').replace(/^settings\.?/, '');
      const m = i.message.charAt(0).toUpperCase() + i.message.slice(1);
      out[k] = out[k] ? `${out[k]}; ${m}` : m;
    }
  }
  for (const [k, m] of Object.entries(errors)) out[k] = m.charAt(0).toUpperCase() + m.slice(1);
  return out;
}

/** A settings group's title as the page shows it ("Quality gate"), else its key. */
function groupTitle(key: string): string {
  const g = SETTING_GROUPS.find((x) => x.id === key);
  if (g) return `"${g.title}"`;
  return ({ display: '"Display units"', positionGroups: '"Position groups"', players: '"Players\' own values"' } as Record<string, string>)[key] ?? `"${key}"`;
}

export function SettingsPage() {
  const api = useApi();
  const info = useLoad(() => api['settings:get'](), []);
  const players = usePlayers();
  useEvent('settings:changed', info.reload);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saveErrors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const data = info.data;

  // The form follows the stored settings until someone edits it.
  useEffect(() => {
    if (data && !dirty) setDraft(draftFromSettings(data.settings));
  }, [data, dirty]);

  const edit = useCallback((f: (d: SettingsDraft) => SettingsDraft) => {
    setDraft((d) => (d ? f(d) : d));
    setDirty(true);
    setMessage(null);
  }, []);

  const live = useMemo(() => (draft && data && dirty ? liveErrors(draft, data.settings) : {}), [draft, data, dirty]);
  const errors = { ...saveErrors, ...live };
  const toFix = Object.keys(live).length;
  const leaveGuard = useLeaveGuardSlot();

  if (info.error && !data) return <Notice kind="error">{info.error}</Notice>;
  if (!data || !draft) return <p role="status">Loading…</p>;

  const setUnits = async (display: DisplayUnits) => {
    setBusy(true);
    setMessage(null);
    try {
      // Only the display units change: unsaved threshold edits stay in the form.
      await api['settings:update']({ settings: { ...data.settings, display } });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const save = async (): Promise<boolean> => {
    const { settings, errors: local } = settingsFromDraft(draft, data.settings);
    setErrors(local);
    if (Object.keys(local).length > 0 || toFix > 0) {
      setMessage({ kind: 'error', text: `Not saved: ${Object.keys(local).length || toFix} value(s) to fix, marked ⚠ on the page.` });
      showFirstProblem();
      return false;
    }
    setBusy(true);
    try {
      const next = await api['settings:update']({ settings });
      setDirty(false);
      setDraft(draftFromSettings(next.settings));
      setErrors({});
      setMessage({
        kind: 'success',
        text:
          next.key === data.key
            ? 'Saved. No threshold changed, so existing results stay up to date.'
            : 'Saved. Existing results keep the settings they were computed with: each session says "computed with older settings" until you process it again.',
      });
      return true;
    } catch (err) {
      const byPath = coreErrors(err);
      if (byPath) {
        setErrors(byPath);
        setMessage({ kind: 'error', text: `Not saved: ${Object.keys(byPath).length} value(s) to fix, marked ⚠ on the page.` });
        showFirstProblem();
      } else setMessage({ kind: 'error', text: errorMessage(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDirty(false);
    setErrors({});
    setMessage(null);
    setDraft(draftFromSettings(data.settings));
  };

  // Leaving the page (the navigation, a link, Back) with edits unsaved asks first: save, discard or stay.
  leaveGuard.current = dirty ? { what: 'changes to the settings', save, discard } : null;

  const reset = async () => {
    setBusy(true);
    try {
      const next = await api['settings:reset']();
      setDirty(false);
      setErrors({});
      setDraft(draftFromSettings(next.settings));
      setConfirmReset(false);
      setMessage({ kind: 'success', text: 'Every setting is back to its default. Existing results keep the settings they were computed with.' });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const positions = [...new Set((players.data ?? []).map((p) => p.position.trim()).filter(Boolean))].sort();

  return (
    <>
      <h1>Settings</h1>
      <Notice kind="info" title="Results keep the settings they were computed with">
        <p>
          Changing a threshold recomputes nothing. Every stored result records the settings and the algorithm version (
          <strong>{data.algorithmVersion}</strong>) it was computed with; sessions computed with other settings say so next
          to Process Report until you process them again.
        </p>
        <p className="muted">
          {data.updatedAt ? `Last changed ${formatDateTime(data.updatedAt)}.` : 'All defaults (never changed).'}
        </p>
      </Notice>
      {data.unreadable.length > 0 && (
        <Notice kind="error" title="Some stored settings could not be read">
          <p>
            {data.unreadable.includes('all') ? 'The stored settings' : `The stored ${data.unreadable.map(groupTitle).join(', ')} settings`} could not be
            read by this version of Player1 (written by another version, or damaged), so{' '}
            {data.unreadable.includes('all') ? 'every group shows' : 'they show'} the defaults, and processing uses them. The stored values are kept
            as they were until you save: check the values below, then save.
          </p>
        </Notice>
      )}
      <DisplayUnitsForm units={data.settings.display} busy={busy} onChange={(u) => void setUnits(u)} />

      <h2 id="thresholds-h">Thresholds</h2>
      <p className="muted">
        Each value is entered in the unit it is stored in
        {data.settings.display.speed === 'm/s' ? '.' : `; speeds also show their ${data.settings.display.speed} equivalent.`}
      </p>
      {SETTING_GROUPS.map((g) => (
        <ThresholdGroup
          key={g.id}
          group={g}
          values={draft.values}
          defaults={data.defaults}
          units={data.settings.display}
          errors={errors}
          disabled={busy}
          onChange={(k, v) => edit((d) => ({ ...d, values: { ...d.values, [k]: v } }))}
        />
      ))}
      <PositionGroupsEditor
        rows={draft.positionGroups}
        positions={positions}
        errors={errors}
        disabled={busy}
        onChange={(rows) => edit((d) => ({ ...d, positionGroups: rows }))}
      />
      <PlayerValuesEditor
        players={players.data ?? []}
        values={draft.players}
        team={data.settings.hr}
        errors={errors}
        disabled={busy}
        onChange={(id, v) => edit((d) => ({ ...d, players: { ...d.players, [id]: v } }))}
      />

      {dirty && <div className="save-bar-spacer" />}
      <div className={dirty ? 'save-bar dirty' : 'save-bar'} role="region" aria-label="Save settings">
        {message && (
          <Notice kind={message.kind} title={message.kind === 'error' ? 'Settings not saved' : undefined}>
            {message.text}
          </Notice>
        )}
        <div className="inline-form">
          <span className="dirty-state" aria-live="polite">
            {dirty ? '● Unsaved changes' : 'No unsaved changes'}
          </span>
          <button type="button" className="primary big" onClick={() => void save()} disabled={busy || !dirty || toFix > 0}>
            Save settings
          </button>
          {toFix > 0 && <span className="field-error">⚠ {toFix} value{toFix === 1 ? '' : 's'} to fix, marked on the page</span>}
          <button type="button" onClick={discard} disabled={busy || !dirty}>
            Discard changes
          </button>
          {!confirmReset ? (
            <button type="button" onClick={() => setConfirmReset(true)} disabled={busy}>
              Reset to defaults…
            </button>
          ) : (
            <>
              <span>Every threshold, display unit, position group and player value goes back to its default.</span>
              <button type="button" className="danger" onClick={() => void reset()} disabled={busy}>
                Reset everything
              </button>
              <button type="button" onClick={() => setConfirmReset(false)}>
                Keep my settings
              </button>
            </>
          )}
        </div>
      </div>
      <SurveySettingsForm />
      <BackupSection />
    </>
  );
}
