/**
 * `player1 process <file|folder>... --out report.html [--json metrics.json]`: the same core as the
 * app, headless. Player1 CSV session folders (meta.csv) are imported as the app's folder import
 * does; any other file or folder goes through the app's import (scan + commit): one unit per file
 * (the unit id the file states, else its folder's or its name), its player named after the file
 * unless a Player1 layout's meta.csv or --player says otherwise. The session's window spans the
 * data; every participant is processed on the worker pool and the report written. Exit code 1
 * names the failing file or unit; 2 is a usage error.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import type { CliCommand, CliIo } from '../command.ts';
import { parseOptions, UsageError } from '../args.ts';
import { parsePeriodOption, type PeriodOption } from '../period-option.ts';
import { createCore, type Core } from '../../core/app.ts';
import { scanPlayer1Folder } from '../../core/sessions/folder-scan.ts';
import { toMetricsJson } from '../../core/report/metrics-json.ts';
import { tidyCsv } from '../../core/exports/tidy-csv.ts';
import { sessionMetadataCsv } from '../../core/exports/metadata-csv.ts';
import { reportToPdf } from '../../core/exports/pdf-chromium.ts';
import { copyFileAtomic, writeFileAtomic } from '../../core/util/atomic-write.ts';
import { markTempDataDir, sweepStaleCliDirs } from '../temp-data-dir.ts';
import { endCliRun, markCliRun } from '../../core/sessions/cli-runs.ts';
import { trace } from '../../core/util/trace.ts';
import type { Input, MethodName, Output } from '../../../shared/api/contract.ts';
import type { Envelope } from '../../../shared/api/errors.ts';
import { MAX_SESSION_WINDOW_MS, dataTimesProblem, type SessionError } from '../../../shared/domain/session.ts';
import type { FileFinding } from '../../../shared/api/imports.contract.ts';
import { META_FILE_NAMES } from '../../core/formats/meta-csv.ts';
import { ImportMappingSchema } from '../../../shared/domain/survey.ts';
import { configureSync, drainAndReport, syncToken } from '../sync-run.ts';

const USAGE = `player1 process <file|folder>... --out <report.html> [--json <metrics.json>] [--pdf <report.pdf> [--landscape]]
                       [--csv <metrics.csv>] [--metadata <metadata.csv>] [--name <session name>] [--player NAME ...]
                       [--period NAME=START/END ...] [--surveys <answers.csv> ...] [--data-dir <dir>] [--threads <n>] [--copy]
                       [--sync --server <URL> [--ca <file>]]

  <file|folder>     a session folder in the Player1 CSV layout (meta.csv + <device_id>/gps.csv [+ imu.csv]),
                    or any file the app imports (P1, FIT, TCX, GPX, NMEA, Catapult or accelerometer CSV...),
                    or a folder of them; several may be given (one session)
  --player NAME     the player who wore the unit of the file(s) given (default: named after the file);
                    once for all of them (one player wearing several units), or once per file, in order
  --out FILE        where to write the self-contained HTML report
  --json FILE       also write the computed metrics as JSON (shape: docs/cli.md)
  --pdf FILE        also print the report to PDF, A4 portrait (--landscape: A4 landscape), with Chromium
                    (/usr/bin/chromium, or the path in P1_CHROMIUM)
  --csv FILE        also write the tidy CSV: one row per player and session or period (docs/exports.md)
  --metadata FILE   also write the session metadata CSV, device_id,player_name,position (the seed's
                    player1data_session_metadata.csv)
  --name NAME       session name (default: the first file's or folder's name)
  --period P        a named period for every player, NAME=START/END with ISO 8601 instants and a zone,
                    e.g. "First half=2026-03-14T10:00:00Z/2026-03-14T10:45:00Z" (repeatable)
  --surveys FILE    players' RPE and wellness answers (CSV; columns guessed from the header: player name,
                    date, RPE, duration, stated load, wellness items); rows of other days are the players'
                    history (baselines). Repeatable. Shape in the JSON: players[].feedback (docs/cli.md)
  --data-dir DIR    keep the session in this data dir (default: a temporary one, removed afterwards)
  --threads N       worker threads (default: the number of CPU cores)
  --copy            copy the files into the data dir's raw store instead of reading them in place
  --sync            send the processed session to the club's central server given by --server (token from
                    the P1_SYNC_TOKEN environment variable; --ca FILE trusts a club CA). Exit 1 when it could
                    not be sent (the report is written; with --data-dir it stays queued for 'player1 sync')`;

export const processCommand: CliCommand = {
  name: 'process',
  summary: 'process a session folder or data files and write the HTML report (and metrics JSON)',
  usage: USAGE,
  async run(argv, io, runtime) {
    let opts;
    let periods: PeriodOption[] = [];
    let syncWith: { server: string; ca: string | undefined; token: string } | null = null;
    try {
      opts = parseOptions(argv, {
        out: { type: 'string' },
        json: { type: 'string' },
        name: { type: 'string' },
        period: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        threads: { type: 'string' },
        copy: { type: 'boolean' },
        surveys: { type: 'string', multiple: true },
        sync: { type: 'boolean' },
        server: { type: 'string' },
        ca: { type: 'string' },
        pdf: { type: 'string' },
        landscape: { type: 'boolean' },
        csv: { type: 'string' },
        metadata: { type: 'string' },
        player: { type: 'string', multiple: true },
      });
      if (opts.values.sync && !opts.values.server) throw new UsageError('--sync needs --server URL');
      if (!opts.values.sync && (opts.values.server || opts.values.ca)) throw new UsageError('--server and --ca go with --sync');
      syncWith = opts.values.sync ? { server: opts.values.server!, ca: opts.values.ca, token: syncToken() } : null;
      if (opts.values.landscape && !opts.values.pdf) throw new UsageError('--landscape applies to --pdf <report.pdf>');
      if (opts.positionals.length === 0) throw new UsageError('give a session folder or data files to process');
      const nPlayers = opts.values.player?.length ?? 0;
      if (nPlayers > 1 && nPlayers !== opts.positionals.length) {
        throw new UsageError(`--player is given ${nPlayers} times for ${opts.positionals.length} files: give it once (one player for all) or once per file, in order`);
      }
      for (const n of opts.values.player ?? []) if (!n.trim() || n.trim().length > 80) throw new UsageError('--player takes a name of 1 to 80 characters');
      if (!opts.values.out) throw new UsageError('--out <report.html> is required');
      if (opts.values.threads !== undefined && !/^[1-9]\d*$/.test(opts.values.threads)) {
        throw new UsageError('--threads takes a whole number >= 1');
      }
      periods = (opts.values.period ?? []).map(parsePeriodOption);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`player1 process: ${err.message}\n\nusage: ${USAGE}`);
        return 2;
      }
      throw err;
    }
    const inputs = opts.positionals.map((p) => resolve(p));
    for (const [i, p] of inputs.entries()) {
      if (!existsSync(p)) {
        io.stderr(`player1 process: ${opts.positionals[i]}: there is no such file or folder`);
        return 1;
      }
    }
    // Temporary data dirs of earlier runs that were killed (their process is gone) go first.
    if (!opts.values['data-dir']) sweepStaleCliDirs(tmpdir());
    const tempDir = opts.values['data-dir'] ? null : mkdtempSync(join(tmpdir(), 'player1-cli-'));
    if (tempDir) markTempDataDir(tempDir);
    const core = createCore({
      dataDir: resolve(opts.values['data-dir'] ?? tempDir!),
      workerPath: runtime.workerPath,
      reportViewerPath: runtime.reportViewerPath,
      host: { kind: 'cli' },
      maxThreads: opts.values.threads ? Number(opts.values.threads) : undefined,
      startPool: true,
      ephemeral: tempDir !== null,
    });
    trace('core:ready');
    for (const a of core.startup.abandonedCliSessions) {
      io.stderr(`player1 process: removed the unfinished session "${a.name}" left in ${opts.values['data-dir']} by an earlier run that was stopped before it processed anything (pid ${a.pid})`);
    }
    // With --data-dir, the session is marked as this run's until the run ends (sessions/cli-runs.ts).
    const marked: string[] = [];
    let code = 1;
    try {
      code = await processInputs(core, io, {
        markRun: tempDir ? null : (id) => {
          markCliRun(resolve(opts.values['data-dir']!), id);
          marked.push(id);
        },
        inputs,
        players: (opts.values.player ?? []).map((n) => n.trim()),
        // A file's name may be longer than a session's (120 characters) or only spaces: the default is cut to fit.
        name: opts.values.name ?? (stem(inputs[0]).trim().slice(0, 120) || 'session'),
        out: resolve(opts.values.out!),
        json: opts.values.json ? resolve(opts.values.json) : null,
        storage: opts.values.copy ? 'copy' : 'in-place',
        periods,
        surveys: (opts.values.surveys ?? []).map((f) => resolve(f)),
        sync: syncWith,
        pdf: opts.values.pdf ? resolve(opts.values.pdf) : null,
        orientation: opts.values.landscape ? 'landscape' : 'portrait',
        csv: opts.values.csv ? resolve(opts.values.csv) : null,
        metadata: opts.values.metadata ? resolve(opts.values.metadata) : null,
      });
      return code;
    } finally {
      // The run ends on its own (done, or failed with its reason told): its session is now like
      // any other (the user may open it in the app), so the mark goes. Only a killed run leaves a
      // mark, whose never-processed session the next start removes.
      for (const id of marked) endCliRun(resolve(opts.values['data-dir']!), id);
      trace('close:start');
      await core.close();
      trace('core:closed');
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      // All threads of the process: main, workers, and V8's compiler and GC helpers.
      const u = process.cpuUsage();
      trace('cli:done', { process_cpu: (u.user + u.system) / 1000 });
    }
  },
};

interface ProcessOptions {
  /** Marks the session as this run's (--data-dir: sessions/cli-runs.ts). */
  markRun?: ((sessionId: string) => void) | null;
  inputs: string[];
  /** --player: one name for every input, one per input, or none. */
  players: string[];
  name: string;
  out: string;
  json: string | null;
  storage: 'copy' | 'in-place';
  periods: PeriodOption[];
  surveys: string[];
  sync?: { server: string; ca: string | undefined; token: string } | null;
  pdf?: string | null;
  orientation?: 'portrait' | 'landscape';
  csv?: string | null;
  metadata?: string | null;
}

async function processInputs(core: Core, io: CliIo, o: ProcessOptions): Promise<number> {
  const call = async <K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> => {
    const r = (await core.dispatch(method, input)) as Envelope<Output<K>>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  // The team's settings of a --data-dir another version wrote: say which groups run on their defaults.
  const { unreadable } = await call('settings:get', {});
  if (unreadable.length > 0) {
    io.stderr(
      `warning: the stored settings ${unreadable.includes('all') ? 'could not be read at all: every setting' : `group(s) ${unreadable.join(', ')} could not be read: they`} take their defaults in this run (written by another version, or damaged; the app's Settings page shows them)`,
    );
  }

  // Player1 session folders (meta.csv at the top) as the folder import reads them; the rest as the app's import.
  const isLayout = (p: string) => statSync(p).isDirectory() && META_FILE_NAMES.some((n) => existsSync(join(p, n)));
  const layouts = o.inputs.filter(isLayout).map((folder) => ({ folder, scan: scanPlayer1Folder(folder) }));
  const others = o.inputs.filter((p) => !isLayout(p));
  trace('scan:done');
  const firsts: number[] = [];
  const lasts: number[] = [];
  for (const l of layouts) {
    for (const u of l.scan.units) {
      if (u.firstMs != null && u.lastMs != null) {
        // Times no session can hold are the file's problem, said of it (the scan says so of any other file).
        const outside = dataTimesProblem(u.firstMs, u.lastMs, u.files.length === 1 ? 'this file' : 'its data');
        if (outside) {
          io.stderr(`player1 process: ${basename(l.folder)}: unit ${u.deviceId} (${u.files.map((f) => f.sourceName).join(', ')}): ${outside}`);
          return 1;
        }
        firsts.push(u.firstMs);
        lasts.push(u.lastMs);
      }
    }
  }

  // The session is made first (a scan is made for one), then its window set to span the data.
  const provisional = o.periods.length > 0 ? { startMs: o.periods[0].startMs, endMs: o.periods[0].endMs } : { startMs: Date.now(), endMs: Date.now() + 3600_000 };
  const session = await call('sessions:create', { name: o.name, ...(firsts.length > 0 ? dataWindow(firsts, lasts) : provisional) });
  o.markRun?.(session.id);
  let commit: Input<'imports:commit'> | null = null;
  if (others.length > 0) {
    const scan = await call('imports:scan', { sessionId: session.id, paths: others });
    for (const w of scan.warnings) io.stderr(`warning: ${w}`);
    for (const k of scan.skipped) io.stderr(`warning: ${k.sourceName}: not imported (${k.reason})`);
    const failed = scan.files.filter((f) => f.error);
    if (failed.length > 0) {
      for (const f of failed) io.stderr(`player1 process: ${placed(f.sourceName, f.error!)}`);
      return 1;
    }
    const files = scan.files.filter((f) => f.format && f.unitId);
    if (files.length === 0 && layouts.length === 0) {
      io.stderr(
        `player1 process: no data file in ${others.join(', ')}: a Player1 session folder has a meta.csv (or player1data_session_metadata.csv); other folders are searched for the files the app imports (P1, FIT, TCX, GPX, NMEA, CSV)`,
      );
      return 1;
    }
    for (const f of files) {
      if (f.firstMs != null && f.lastMs != null) {
        firsts.push(f.firstMs);
        lasts.push(f.lastMs);
      }
    }
    commit = { sessionId: session.id, scanId: scan.scanId, files: playersForFiles(files, o, others, io) };
  }
  if (firsts.length === 0) {
    io.stderr(`player1 process: no data with times was found in ${o.inputs.join(', ')}`);
    for (const l of layouts) for (const w of l.scan.warnings) io.stderr(`  ${w}`);
    return 1;
  }
  // Windows are half-open [start, end): end 1 ms after the last sample keeps it in. The window
  // also reaches over every period given (a period the data does not cover is a warning, not an error).
  const data = dataWindow(firsts, lasts);
  const startMs = Math.min(data.startMs, ...o.periods.map((p) => p.startMs));
  const endMs = Math.max(data.endMs, startMs + 1000, ...o.periods.map((p) => p.endMs));
  if (endMs - startMs > MAX_SESSION_WINDOW_MS) {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    io.stderr(`player1 process: the data runs from ${day(startMs)} to ${day(endMs)} UTC, more than one session's 24 hours: process each day's files on their own`);
    return 1;
  }
  await call('sessions:update', { id: session.id, startMs, endMs });
  for (const p of o.periods) await call('periods:create', { sessionId: session.id, ...p });
  for (const l of layouts) {
    const imported = await call('sessions:importFolder', { id: session.id, folder: l.folder, storage: o.storage });
    for (const w of imported.warnings) io.stderr(`warning: ${w}`);
  }
  if (commit && commit.files.length > 0) {
    if (layouts.length > 0 && o.players.length > 0) commit = { ...commit, files: joinNamesakes(commit.files, (await call('sessions:get', { id: session.id })).participants, o.players) };
    const committed = await call('imports:commit', commit);
    for (const w of committed.warnings) io.stderr(`warning: ${w}`);
  }
  trace('import:done');
  const surveysOk = importSurveys(core, io, session.id, o.surveys);
  if (surveysOk !== null) return surveysOk;

  // Set before the run: the bundle is queued in the transaction that completes it.
  if (o.sync) await configureSync(core, o.sync.server, o.sync.ca, o.sync.token);
  await call('jobs:start', { sessionId: session.id });
  await core.jobs.whenIdle(session.id);
  const done = await call('sessions:get', { id: session.id });
  trace('jobs:done');

  if (done.processingStatus !== 'COMPLETED') {
    io.stderr(`Processing FAILED: ${describeError(done.error)}`);
    return 1;
  }
  // The threads wind down while the report is copied and the JSON written (a failure to stop
  // them is close()'s to report, not this command's).
  const stopping = core.stopWorkers().catch(() => {});
  copyFileAtomic(done.reportPath!, o.out);
  trace('report:copied');
  if (o.json) {
    const results = await call('results:list', { sessionId: session.id, efforts: true });
    const feedback = o.surveys.length > 0 ? core.surveys.feedback(session.id) : null;
    writeFileAtomic(o.json, `${JSON.stringify(toMetricsJson(results, feedback), null, 2)}\n`);
    trace('json:written');
  }
  if (o.csv) {
    writeFileAtomic(o.csv, tidyCsv(done, await call('results:list', { sessionId: session.id })));
    trace('csv:written');
  }
  if (o.metadata) writeFileAtomic(o.metadata, sessionMetadataCsv(done.participants));
  if (o.pdf) {
    try {
      await reportToPdf(o.out, o.pdf, { orientation: o.orientation });
    } catch (e) {
      io.stderr(`player1 process: the PDF could not be written to ${o.pdf}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      await stopping;
      return 1;
    }
    trace('pdf:written');
  }
  const written = [`report: ${o.out}`, o.json && `metrics: ${o.json}`, o.pdf && `pdf: ${o.pdf}`, o.csv && `csv: ${o.csv}`, o.metadata && `metadata: ${o.metadata}`].filter(Boolean);
  io.stdout(written.join('\n'));
  await stopping;
  if (o.sync) return await drainAndReport(core, io, 120_000);
  return 0;
}

/**
 * Each --surveys file into the session (mapping guessed from its header). A file that cannot be
 * read or mapped ends the run (exit 2, naming it); flagged and refused rows and unmatched players
 * are warnings naming the file and line. Answers null when the run goes on, else the exit code.
 */
function importSurveys(core: Core, io: CliIo, sessionId: string, files: string[]): number | null {
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(`player1 process: cannot read the surveys file ${file}: ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
      return 2;
    }
    const name = basename(file);
    const preview = core.surveys.preview(text, name);
    if (!preview.guess) {
      io.stderr(`player1 process: ${name}: cannot tell which columns hold the answers (${preview.notes.join('; ')}); its columns are: ${preview.columns.join(', ')}`);
      return 2;
    }
    for (const n of preview.notes) io.stderr(`warning: ${name}: ${n}`);
    let r;
    try {
      r = core.surveys.import(text, name, ImportMappingSchema.parse(preview.guess), { source: 'cli', fixedSessionId: sessionId });
    } catch (e) {
      io.stderr(`player1 process: ${(e as Error).message}`);
      return 2;
    }
    for (const f of r.flagged) io.stderr(`warning: ${name} line ${f.line} (${f.player}): ${f.reason}`);
    for (const f of r.errors) io.stderr(`warning: ${name} line ${f.line}${f.player ? ` (${f.player})` : ''}: not imported: ${f.reason}`);
    if (r.unmatched.length > 0) {
      io.stderr(`warning: ${name}: no player of this session is called ${r.unmatched.map((u) => `"${u.sourcePlayer}" (${u.rows} row${u.rows === 1 ? '' : 's'})`).join(', ')}: those answers are left out`);
    }
  }
  return null;
}

/**
 * The window [start, end) holding every sample, in whole milliseconds as a session's window is:
 * the start floored, the end 1 ms past the last sample floored (a unit's clock may give times
 * finer than a millisecond: an Axivity's 10:55:08.1075 ends the window at 10:55:08.108).
 */
function dataWindow(firsts: number[], lasts: number[]): { startMs: number; endMs: number } {
  return { startMs: Math.floor(Math.min(...firsts)), endMs: Math.floor(Math.max(...lasts)) + 1 };
}

/** "name line 3: message", unless the message names the file already. */
function placed(sourceName: string, e: { message: string; line: number | null; offset: number | null }): string {
  if (e.message.startsWith(sourceName) || e.message.includes(`${basename(sourceName)}:`) || e.message.includes(`${basename(sourceName)} line`)) return e.message;
  const where = e.line != null ? ` line ${e.line}` : e.offset != null ? ` at byte ${e.offset}` : '';
  return `${sourceName}${where}: ${e.message}`;
}

/** A file's or folder's name without its extension ("watch.fit" -> "watch"). */
function stem(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Who wore each file's unit: --player (once for all, or per input in order), else the player a
 * Player1 layout's meta.csv names (the roster's, or a new one with its details), else a new player
 * named after the unit's first file. Every file of one unit goes to one player.
 */
function playersForFiles(files: FileFinding[], o: ProcessOptions, others: string[], io: CliIo): Input<'imports:commit'>['files'] {
  const inputOf = (f: FileFinding) => others.findIndex((p) => f.path === p || f.path.startsWith(`${p}${sep}`));
  const byUnit = new Map<string, PlayerChoice>();
  return files.map((f) => {
    const unit = f.unitId!.toLowerCase();
    let player = byUnit.get(unit);
    if (!player) {
      const forced = o.players.length === 1 ? o.players[0] : o.players.length > 1 ? o.players[o.inputs.indexOf(others[inputOf(f)])] : undefined;
      const s = f.suggestion;
      if (forced) player = { newPlayer: { name: forced, position: '' } };
      else if (s?.kind === 'player') player = { playerId: s.playerId };
      else if (s?.kind === 'new') player = { newPlayer: { name: s.name, position: s.position, shirtNumber: s.shirtNumber ?? null, birthDate: s.birthDate ?? null } };
      else if (f.ask) {
        const n = f.ask.newPlayer;
        io.stderr(`warning: ${f.sourceName}: ${f.ask.candidates.length} player(s) in the roster are called ${f.ask.name}, none surely this one: a new player is made (give --player, or import it in the app to choose)`);
        player = { newPlayer: { name: n.name, position: n.position, shirtNumber: n.shirtNumber, birthDate: n.birthDate } };
      } else player = { newPlayer: { name: stem(f.sourceName).trim().slice(0, 80) || f.unitId!, position: '' } };
      byUnit.set(unit, player);
    }
    return { fileId: f.fileId, deviceId: f.unitId!, player };
  });
}

type PlayerChoice = Input<'imports:commit'>['files'][number]['player'];

/**
 * A name given by --player that a session folder's meta.csv gives one player of (the pod's folder
 * beside the watch's file: `process pods/ watch.fit --player "Max Roberts"`) is that player, who
 * then wears both units: the name carries no detail that could tell them apart. Two such players
 * (told apart by position or shirt number) leave the name a new player, as before.
 */
function joinNamesakes(files: Input<'imports:commit'>['files'], participants: readonly { playerId: string; playerName: string }[], given: readonly string[]): Input<'imports:commit'>['files'] {
  const key = (n: string) => n.trim().toLowerCase();
  const names = new Set(given.map(key));
  return files.map((f) => {
    const n = 'newPlayer' in f.player ? f.player.newPlayer : null;
    if (!n || n.position !== '' || !names.has(key(n.name))) return f;
    const same = [...new Set(participants.filter((p) => key(p.playerName) === key(n.name)).map((p) => p.playerId))];
    return same.length === 1 ? { ...f, player: { playerId: same[0] } } : f;
  });
}

export function describeError(e: SessionError | null): string {
  if (!e) return 'unknown error';
  const unit = e.deviceId ? `unit ${e.deviceId}${e.playerName ? ` (${e.playerName})` : ''}: ` : '';
  const more = e.more?.length ? `\n${e.more.map((m) => `  also unit ${m.deviceId} (${m.playerName}): ${m.message}`).join('\n')}` : '';
  return `${unit}${e.message} [${e.code}]${more}`;
}
