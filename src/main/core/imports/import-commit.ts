/**
 * imports:commit — import the scanned files the user kept, with the players they chose:
 *  1. check everything first (a file with an error, a unit given two players), so a refused commit changes nothing in the database (a file copied into the raw
 *     store before a later one was refused stays there, unreferenced: the next import of those
 *     bytes reuses it; removing it could race another commit of the same bytes);
 *  2. copy each file into the raw store (sha256, atomic), checking it still has the bytes the scan
 *     saw — a few at a time, outside any transaction, because it is slow;
 *  3. in one transaction: create unknown units (the chosen player as their usual wearer) and new
 *     players, set the session's participants, and link each file with its format and read options.
 *     A player given two units (a pod and a watch), or a unit for a player who already wears one
 *     with data here, wears both: their streams are merged by kind (shared/domain/stream-sources.ts).
 * Identical bytes already linked to the session, or met twice in one request, are left alone and
 * said so: a re-import (a second click on Import) is a no-op, and creates no player or unit.
 */
import type { ParsedInput } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { CommittedFile, FileFinding, ImportCommitResult } from '../../../shared/api/imports.contract.ts';
import type { Player } from '../../../shared/domain/roster.ts';
import type { CoreContext } from '../context.ts';
import { windowOverlap } from '../../../shared/domain/window-overlap.ts';
import { assertEditable, assertStillEditable, mustGetSession } from '../sessions/session-guards.ts';
import { wearUnit } from '../sessions/wear-unit.ts';
import { ChecksumMismatchError } from '../store/raw-store.ts';
import type { ImportScanner } from './scanner.ts';

type CommitInput = ParsedInput<'imports:commit'>;
type PlayerChoice = CommitInput['files'][number]['player'];

interface UnitPlan {
  deviceId: string;
  player: PlayerChoice;
  files: FileFinding[];
}

/**
 * One person per choice: an existing player by id; a new player by name and distinguishing details
 * (two units given "new Max Roberts, FB" are one player wearing both; "Max Roberts, FB" and "Max
 * Roberts, ST" are two people).
 */
const choiceKey = (p: PlayerChoice) => {
  if ('playerId' in p) return `id:${p.playerId}`;
  const n = p.newPlayer;
  return `new:${JSON.stringify([n.name.trim().toLowerCase(), (n.position ?? '').trim().toLowerCase(), n.shirtNumber ?? null, n.birthDate ?? null])}`;
};
const choiceName = (ctx: CoreContext, p: PlayerChoice) => ('playerId' in p ? (ctx.repos.players.get(p.playerId)?.name ?? p.playerId) : p.newPlayer.name);

export async function commitImport(ctx: CoreContext, scanner: ImportScanner, input: CommitInput): Promise<ImportCommitResult> {
  const { sessions, players, units } = ctx.repos;
  const session = mustGetSession(sessions, input.sessionId);
  assertEditable(session);
  const scan = scanner.mustGetScan(input.scanId);
  if (scan.result.sessionId !== session.id) throw new AppError('VALIDATION', `scan ${input.scanId} was made for another session`);

  // 1. Check the whole request.
  const plans = new Map<string, UnitPlan>();
  const seenFiles = new Set<string>();
  for (const f of input.files) {
    const entry = scan.entries.get(f.fileId);
    if (!entry) throw new AppError('NOT_FOUND', `no file ${f.fileId} in scan ${input.scanId}`);
    const finding = entry.finding;
    if (seenFiles.has(f.fileId)) throw new AppError('VALIDATION', `${finding.sourceName} is listed twice`);
    seenFiles.add(f.fileId);
    if (finding.error || !finding.format || !finding.sha256) {
      throw new AppError('VALIDATION', `${finding.sourceName} cannot be imported: ${finding.error?.message ?? 'it was not read'}`);
    }
    if ('playerId' in f.player && !players.get(f.player.playerId)) throw new AppError('NOT_FOUND', `no player with id ${f.player.playerId}`);
    const key = f.deviceId.toLowerCase();
    const plan = plans.get(key);
    if (!plan) plans.set(key, { deviceId: f.deviceId, player: f.player, files: [finding] });
    else if (choiceKey(plan.player) !== choiceKey(f.player)) {
      throw new AppError('VALIDATION', `unit ${f.deviceId} is given two players (${choiceName(ctx, plan.player)} and ${choiceName(ctx, f.player)}): one player wears a unit in a session`);
    } else plan.files.push(finding);
  }
  // 2. Copy into the raw store (slow; no transaction). Bytes already linked to the session, or
  // met earlier in this request (the same file under two names), are not copied again.
  const copied = new Set<string>();
  const toCopy: FileFinding[] = [];
  for (const p of plans.values()) {
    for (const f of p.files) {
      if (copied.has(f.sha256!) || sessions.fileBySha(session.id, f.sha256!)) continue;
      copied.add(f.sha256!);
      toCopy.push(f);
    }
  }
  await copyAll(toCopy, (f) => copyIntoStore(ctx, f));
  // The scan decoded each file into the decoded cache before its raw copy landed: vouch for those
  // entries now, so the first Process Report reads them instead of checking the copies again.
  if (ctx.decodedCache) for (const sha of copied) await ctx.decodedCache.touchContent(sha);

  // 3. Roster, participants and links, all or nothing; immediate, so that the check that the
  // session was not started while the files were copied is part of it for every app instance.
  const now = ctx.clock();
  const warnings: string[] = [];
  const createdUnits: string[] = [];
  const createdPlayers: string[] = [];
  const committed: CommittedFile[] = [];
  const newHere = new Map<string, Player>();
  ctx.db.transaction(() => {
    assertStillEditable(sessions, session.id);
    // Bytes linked to the session already (checked again here: another commit may have just linked
    // them) or earlier in this request are left as they are: a second click on Import, or the same
    // file under two names, changes nothing and says so.
    const linkedHere = new Map<string, { sourceName: string; deviceId: string }>();
    const already = (f: FileFinding) => {
      const db = sessions.fileBySha(session.id, f.sha256!);
      return db ? { sourceName: db.sourceName, deviceId: db.deviceId } : (linkedHere.get(f.sha256!) ?? null);
    };
    const sameUnit = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    // Who wears a unit in the session, as the plans before this one left it: two indexed lookups,
    // not the whole session read again per unit (that made the commit grow as players squared,
    // ~100 ms of the core's event loop for 50 players).
    const wearerOf = (deviceId: string): Player | null => {
      const u = units.findByDeviceId(deviceId);
      const pid = u ? sessions.participantByUnit(session.id, u.id) : null;
      return pid ? players.get(pid) : null;
    };
    for (const p of plans.values()) {
      const prior = p.files.map(already);
      if (prior.every((w) => w !== null && !sameUnit(w.deviceId, p.deviceId))) {
        // Every file is linked already under another unit: the roster is left as it is.
        for (const [i, f] of p.files.entries()) {
          const was = prior[i]!;
          const holder = wearerOf(was.deviceId);
          committed.push({ fileId: f.fileId, sourceName: f.sourceName, deviceId: was.deviceId, playerName: holder?.name ?? '', format: f.format!.id, sha256: f.sha256!, outcome: 'unchanged' });
          warnings.push(alreadyNote(f, was, p.deviceId));
        }
        continue;
      }
      // The player: the one chosen (deleted while the files were copied: refused by name, nothing
      // written), or a new one, unless this unit's wearer here already has that name (Import
      // clicked twice creates one player, not two).
      const wearer = wearerOf(p.deviceId);
      let player = 'playerId' in p.player ? players.get(p.player.playerId) : null;
      if (!('playerId' in p.player)) {
        const name = p.player.newPlayer.name.trim().toLowerCase();
        // The same new person given to several units of this request is created once and wears them all.
        player = newHere.get(choiceKey(p.player)) ?? (wearer && wearer.name.trim().toLowerCase() === name ? wearer : null);
        if (!player) {
          player = players.create(p.player.newPlayer, now);
          createdPlayers.push(player.name);
        }
        newHere.set(choiceKey(p.player), player);
      }
      if (!player) throw new AppError('NOT_FOUND', `the player chosen for unit ${p.deviceId} was deleted while the files were being imported: choose another and import again`);
      const { unit, createdUnit, previousWearer, previousUnit, alongside } = wearUnit(ctx.repos, session.id, p.deviceId, player.id, now);
      if (createdUnit) createdUnits.push(unit.deviceId);
      if (previousWearer) {
        warnings.push(`unit ${unit.deviceId} was worn by ${players.get(previousWearer)?.name ?? 'another player'} in this session; it is now ${player.name}'s`);
      }
      if (previousUnit) {
        warnings.push(`${player.name} wore unit ${units.get(previousUnit)?.deviceId ?? previousUnit} in this session; that assignment was replaced by ${unit.deviceId}`);
      }
      if (alongside.length > 0) {
        const others = alongside.map((u) => units.get(u)?.deviceId ?? u).join(', ');
        warnings.push(`${player.name} wears ${unit.deviceId} beside ${others} in this session: each kind of data comes from one unit (the session page shows which, and can change it)`);
      }

      for (const f of p.files) {
        const base = { fileId: f.fileId, sourceName: f.sourceName, deviceId: unit.deviceId, playerName: player.name, format: f.format!.id, sha256: f.sha256! };
        const was = already(f);
        if (was) {
          committed.push({ ...base, deviceId: was.deviceId, outcome: 'unchanged' });
          // The same file again for the same unit says 'unchanged' and nothing more.
          if (was.sourceName !== f.sourceName || !sameUnit(was.deviceId, p.deviceId)) warnings.push(alreadyNote(f, was, p.deviceId));
          continue;
        }
        linkedHere.set(f.sha256!, { sourceName: f.sourceName, deviceId: unit.deviceId });
        const before = sessions.linkedSha(session.id, unit.id, f.sourceName);
        sessions.attachFile(session.id, { unitId: unit.id, format: f.format!.id, size: f.size, sourceName: f.sourceName, sha256: f.sha256!, options: f.options }, now);
        committed.push({ ...base, outcome: before === undefined ? 'imported' : 'replaced' });
        // Against the window now (it may have been edited since the scan).
        const overlap = windowOverlap(f.firstMs, f.lastMs, session.startMs, session.endMs);
        if (overlap && overlap.seconds === 0) warnings.push(`${f.sourceName}: its data does not overlap the session window`);
      }
    }
  }).immediate();
  if (createdPlayers.length > 0) ctx.events.emit('roster:changed', { kind: 'players' });
  if (createdUnits.length > 0 || plans.size > 0) ctx.events.emit('roster:changed', { kind: 'units' });
  return { session: sessions.get(session.id)!, files: committed, createdUnits, createdPlayers, warnings };
}

/** Why a file was left as it was: its bytes are linked already, under which name and unit. */
function alreadyNote(f: FileFinding, was: { sourceName: string; deviceId: string }, askedFor: string): string {
  const where = was.deviceId.toLowerCase() === askedFor.toLowerCase() ? '' : ` for unit ${was.deviceId}, not ${askedFor}`;
  return was.sourceName === f.sourceName
    ? `${f.sourceName} is imported already${where}: it was not imported again`
    : `${f.sourceName} holds the same bytes as ${was.sourceName}, imported already${where}: it was not imported again`;
}

/**
 * Files copied at once. A copy is the kernel's copy and an fsync (libuv's threads) and then a
 * sha256 of the copy on the main thread, 1 MB at a time: one at a time left a core idle while
 * each file waited for the disk. Measured on 25 x 90 minutes of CSV (50 files, 573 MB), alternating
 * on a quiet machine: the commit took 1.35-1.54 s one at a time, 1.01-1.08 s three at a time.
 */
const COPIES_AT_ONCE = 3;

/**
 * Runs `copy` on every file, COPIES_AT_ONCE at a time. The first failure starts no further copy;
 * the copies already running finish (each lands whole or leaves nothing, raw-store.ts), then the
 * failure of the earliest failing file in the request is thrown (the same whichever copy ended first).
 */
async function copyAll(files: readonly FileFinding[], copy: (f: FileFinding) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: { at: number; error: unknown }[] = [];
  const lane = async () => {
    while (failures.length === 0 && next < files.length) {
      const at = next++;
      try {
        await copy(files[at]!);
      } catch (error) {
        failures.push({ at, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(COPIES_AT_ONCE, files.length) }, lane));
  if (failures.length > 0) throw failures.reduce((a, b) => (b.at < a.at ? b : a)).error;
}

/** One scanned file into the raw store, checked against the scan's sha256; a refusal names the file. */
async function copyIntoStore(ctx: CoreContext, f: FileFinding): Promise<void> {
  try {
    await ctx.rawStore.put({ path: f.path }, { expectedSha256: f.sha256! });
  } catch (e) {
    if (e instanceof ChecksumMismatchError) throw new AppError('CONFLICT', `${f.sourceName} changed since it was scanned: scan it again`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('CONFLICT', `${f.sourceName} is no longer at ${f.path}: scan again`);
    // Not readable any more (a folder in its place, a path cut, no permission): named, not internal.
    if (code) throw new AppError('CONFLICT', `${f.sourceName} can no longer be read at ${f.path} (${code}): scan again`);
    throw e;
  }
}
