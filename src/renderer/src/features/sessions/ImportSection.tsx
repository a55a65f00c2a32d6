/**
 * Import data into the session: choose or drop files and folders, see what each file holds (unit,
 * format, time range, overlap with the session, rates, problems), assign unknown units to
 * players, then one Import. Scans run in the core's worker pool; their progress and findings
 * arrive as pushed events (imports:progress, imports:found), so the page stays live.
 */
import { useCallback, useRef, useState } from 'react';
import { useApi, useEvent, useLoad } from '../../api/context.tsx';
import { errorMessage } from '../../api/api.ts';
import type { EventPayloads } from '../../../../shared/api/contract.ts';
import type { FileFinding, ImportCommitResult, ScanResult } from '../../../../shared/api/imports.contract.ts';
import type { Session } from '../../../../shared/domain/session.ts';
import { ACTIVE_STATUSES } from '../../../../shared/domain/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { href } from '../../app/router.ts';
import { usePlayers } from '../roster/useRoster.ts';
import { localZoneName } from '../../lib/local-time.ts';
import { ImportSources } from './import/ImportSources.tsx';
import { ScanProgress } from './import/ScanProgress.tsx';
import { FindingsTable, type Row } from './import/FindingsTable.tsx';
import { ImportResults } from './import/ImportResults.tsx';
import { SkippedFiles } from './import/SkippedFiles.tsx';
import { commitFiles, emptyPlan, mergeFinding, unitKey, type Choice, type FilePlan, type ImportPlan } from './import/import-plan.ts';
import type { PickedFile } from './import/dropped-files.ts';
import { uploadFiles, type UploadProgress } from './import/upload-files.ts';
import { formatBytes } from '../../lib/format.ts';

type Phase = 'idle' | 'uploading' | 'scanning' | 'review' | 'committing';

export function ImportSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const info = useLoad(() => api['app:info'](), []);
  const players = usePlayers();
  const localZone = localZoneName();
  const sessionWindow = { startMs: session.startMs, endMs: session.endMs };
  const windowRef = useRef(sessionWindow);
  windowRef.current = sessionWindow;

  const [phase, setPhase] = useState<Phase>('idle');
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [rows, setRows] = useState<Map<string, Row>>(new Map());
  const [result, setResult] = useState<ScanResult | null>(null);
  const [plan, setPlan] = useState<ImportPlan>(emptyPlan);
  const [error, setError] = useState<string | null>(null);
  const [committed, setCommitted] = useState<ImportCommitResult | null>(null);
  const [rescanning, setRescanning] = useState<string | null>(null);
  const scanIdRef = useRef<string | null>(null);
  /** A whole scan is running (not the re-read of one file): its progress drives the bar. */
  const scanningRef = useRef(false);
  const findingsRef = useRef(new Map<string, FileFinding>());
  const locked = ACTIVE_STATUSES.includes(session.processingStatus);
  const busy = phase === 'uploading' || phase === 'scanning' || phase === 'committing' || rescanning !== null;

  const applyFinding = useCallback((f: FileFinding) => {
    const before = findingsRef.current.get(f.fileId);
    findingsRef.current.set(f.fileId, f);
    setRows((prev) => new Map(prev).set(f.fileId, { kind: 'finding', finding: f }));
    setPlan((pl) => mergeFinding(pl, f, windowRef.current, before));
  }, []);

  useEvent(
    'imports:progress',
    useCallback((p: EventPayloads['imports:progress']) => {
      if (p.scanId !== scanIdRef.current) return;
      if (scanningRef.current) setProgress({ done: p.done, total: p.total });
      setRows((prev) => {
        const next = new Map(prev);
        const r = next.get(p.fileId);
        if (p.stage === 'skipped') next.delete(p.fileId);
        else if (!r || r.kind === 'pending') next.set(p.fileId, { kind: 'pending', fileId: p.fileId, sourceName: p.sourceName, stage: p.stage });
        return next;
      });
    }, []),
  );
  useEvent(
    'imports:found',
    useCallback(
      (p: EventPayloads['imports:found']) => {
        if (p.scanId === scanIdRef.current) applyFinding(p.finding);
      },
      [applyFinding],
    ),
  );

  const reset = () => {
    scanIdRef.current = null;
    findingsRef.current = new Map();
    setRows(new Map());
    setPlan(emptyPlan());
    setResult(null);
    setProgress({ done: 0, total: 0 });
  };

  const scan = async (paths: string[]) => {
    reset();
    setError(null);
    setCommitted(null);
    const scanId = crypto.randomUUID();
    scanIdRef.current = scanId;
    scanningRef.current = true;
    setPhase('scanning');
    try {
      const r = await api['imports:scan']({ sessionId: session.id, paths, scanId, timeZone: localZone });
      if (scanIdRef.current !== scanId) return;
      // The answer is complete: it replaces what the events built (and orders the files as found).
      for (const f of r.files) if (!findingsRef.current.has(f.fileId)) applyFinding(f);
      setRows(new Map(r.files.map((f) => [f.fileId, { kind: 'finding', finding: findingsRef.current.get(f.fileId) ?? f }])));
      setResult(r);
      setPhase('review');
    } catch (err) {
      setError(errorMessage(err));
      reset();
      setPhase('idle');
    } finally {
      scanningRef.current = false;
    }
  };

  const uploadThenScan = async (files: PickedFile[]) => {
    setError(null);
    setCommitted(null);
    reset();
    setPhase('uploading');
    setUpload({ sentBytes: 0, totalBytes: files.reduce((a, f) => a + f.file.size, 0), file: 0, files: files.length });
    try {
      const batch = await uploadFiles(api, files, setUpload);
      setUpload(null);
      await scan([batch]);
    } catch (err) {
      setUpload(null);
      setError(errorMessage(err));
      setPhase('idle');
    }
  };

  const pick = async (which: 'files' | 'folder') => {
    setError(null);
    try {
      if (which === 'files') {
        const r = await api['app:pickFiles']({ title: 'Choose files to import' });
        if (r.paths.length > 0) await scan(r.paths);
      } else {
        const r = await api['app:pickFolder']({ title: 'Choose a folder to import' });
        if (r.path) await scan([r.path]);
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const rescan = async (fileId: string, opts: { timeZone?: string; ignoreChecksums?: boolean }) => {
    if (!result) return;
    setError(null);
    setRescanning(fileId);
    try {
      applyFinding(await api['imports:rescan']({ scanId: result.scanId, fileId, ...opts }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRescanning(null);
    }
  };

  const setFilePlan = (fileId: string, p: FilePlan) =>
    setPlan((pl) => {
      const prev = pl.files[fileId];
      const players = { ...pl.players };
      // A unit id typed anew keeps the player chosen under the old one unless the new one has its own.
      if (prev && unitKey(prev.deviceId) !== unitKey(p.deviceId) && !players[unitKey(p.deviceId)] && players[unitKey(prev.deviceId)]) {
        players[unitKey(p.deviceId)] = players[unitKey(prev.deviceId)];
      }
      return { files: { ...pl.files, [fileId]: p }, players };
    });
  const setChoice = (deviceId: string, c: Choice) => setPlan((pl) => ({ ...pl, players: { ...pl.players, [unitKey(deviceId)]: c } }));

  const findings = [...rows.values()].filter((r): r is Extract<Row, { kind: 'finding' }> => r.kind === 'finding').map((r) => r.finding);
  const { files: toCommit, blockers } = commitFiles(plan, findings);
  const ticked = findings.filter((f) => !f.error && plan.files[f.fileId]?.include).length;

  const commit = async () => {
    if (!result) return;
    setError(null);
    setPhase('committing');
    try {
      const r = await api['imports:commit']({ sessionId: session.id, scanId: result.scanId, files: toCommit });
      setCommitted(r);
      reset();
      setPhase('idle');
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
      setPhase('review');
    }
  };

  return (
    <section aria-labelledby="import-h" className="import-section">
      <h2 id="import-h">Import data</h2>
      <p className="muted">
        Any mix of files: the team's pods and whatever watches or loggers players wore. Each file is read first and shown below; nothing is
        imported until you click Import. Imported files are copied into the app unchanged, so the originals can go afterwards. Units
        plugged into this laptop: <a href={href('devices', session.id)}>download them on the Devices page</a>.
      </p>
      {locked && <Notice kind="info">The session is being processed: import when it has finished.</Notice>}
      <ImportSources
        nativeDialogs={info.data?.host === 'electron'}
        disabled={locked || busy}
        onPaths={(paths) => void scan(paths)}
        onFiles={(files) => void uploadThenScan(files)}
        onPickFiles={() => void pick('files')}
        onPickFolder={() => void pick('folder')}
      />
      {error && (
        <Notice kind="error" title="Import problem">
          {error}
        </Notice>
      )}
      {phase === 'uploading' && upload && (
        <ScanProgress label="Sending file" done={upload.file} total={upload.files} detail={`${formatBytes(upload.sentBytes)} of ${formatBytes(upload.totalBytes)}`} />
      )}
      {phase === 'scanning' && <ScanProgress label="Reading file" done={progress.done} total={progress.total} />}
      {result?.layouts.map((l) => (
        <Notice key={l.folder} kind="info">
          Player1 layout <code>{l.folder}</code>: its {l.metaFile} names the players of {l.units} unit(s).
        </Notice>
      ))}
      {result?.warnings.map((w) => (
        <Notice key={w} kind="warning">
          {w}
        </Notice>
      ))}
      {rows.size > 0 && (
        <FindingsTable
          rows={[...rows.values()]}
          plan={plan}
          players={(players.data ?? []).filter((p) => p.archivedAt === null)}
          window={sessionWindow}
          localZone={localZone}
          busy={busy || locked}
          onPlan={setFilePlan}
          onChoice={setChoice}
          onRescan={(fileId, o) => void rescan(fileId, o)}
        />
      )}
      {result && result.files.length === 0 && <Notice kind="warning">No data file was found.</Notice>}
      {result && <SkippedFiles skipped={result.skipped} />}
      {result && result.files.length > 0 && (
        <div className="import-bar">
          <button type="button" className="primary big" disabled={busy || locked || toCommit.length === 0 || blockers.length > 0} onClick={() => void commit()}>
            {phase === 'committing' ? 'Importing…' : 'Import'}
          </button>
          <span role="status">
            {ticked} of {findings.length} file(s) ticked
          </span>
          <button type="button" disabled={busy} onClick={() => reset()}>
            Clear
          </button>
          {blockers.length > 0 && (
            <ul className="blockers" aria-label="Before importing">
              {blockers.map((b) => (
                <li key={b}>⚑ {b}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {committed && <ImportResults result={committed} />}
    </section>
  );
}
