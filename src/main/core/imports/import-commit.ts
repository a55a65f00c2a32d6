/**
 * imports:commit — import the scanned files the user kept, with the players they chose:
 *  1. check everything first (a file with an error, a unit given two players, a player given two
 *     units), so a refused commit changes nothing;
 *  2. copy each file into the raw store (sha256, atomic), checking it still has the bytes the scan
 *     saw — outside any transaction, because it is slow;
 *  3. in one transaction: create unknown units (the chosen player as their usual wearer) and new
 *     players, set the session's participants, and link each file with its format and read options.
 * Identical bytes already linked to the session are left alone: a re-import is a no-op.
 */
import type { ParsedInput } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { CommittedFile, FileFinding, ImportCommitResult } from '../../../shared/api/imports.contract.ts';
import type { CoreContext } from '../context.ts';
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

const choiceKey = (p: PlayerChoice) => ('playerId' in p ? `id:${p.playerId}` : `new:${p.newPlayer.name.trim().toLowerCase()}`);
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
  const byPlayer = new Map<string, string>();
  for (const p of plans.values()) {
    const other = byPlayer.get(choiceKey(p.player));
    if (other) {
      throw new AppError('VALIDATION', `${choiceName(ctx, p.player)} is given two units (${other} and ${p.deviceId}): a player wears one unit in a session`);
    }
    byPlayer.set(choiceKey(p.player), p.deviceId);
  }

  // 2. Copy into the raw store (slow; no transaction). Identical bytes already linked: nothing to do.
  const unchanged = new Set<string>();
  for (const p of plans.values()) {
    for (const f of p.files) {
      if (sessions.fileBySha(session.id, f.sha256!)) {
        unchanged.add(f.fileId);
        continue;
      }
      try {
        await ctx.rawStore.put({ path: f.path }, { expectedSha256: f.sha256! });
      } catch (e) {
        if (e instanceof ChecksumMismatchError) throw new AppError('CONFLICT', `${f.sourceName} changed since it was scanned: scan it again`);
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new AppError('CONFLICT', `${f.sourceName} is no longer at ${f.path}: scan again`);
        throw e;
      }
    }
  }

  // 3. Roster, participants and links, all or nothing; immediate, so that the check that the
  // session was not started while the files were copied is part of it for every app instance.
  const now = ctx.clock();
  const warnings: string[] = [];
  const createdUnits: string[] = [];
  const createdPlayers: string[] = [];
  const committed: CommittedFile[] = [];
  ctx.db.transaction(() => {
    assertStillEditable(sessions, session.id);
    for (const p of plans.values()) {
      // A chosen player deleted while the files were copied: refused by name, nothing written.
      const player = 'playerId' in p.player ? players.get(p.player.playerId) : players.create(p.player.newPlayer, now);
      if (!player) throw new AppError('NOT_FOUND', `the player chosen for unit ${p.deviceId} was deleted while the files were being imported: choose another and import again`);
      if (!('playerId' in p.player)) createdPlayers.push(player.name);
      const { unit, createdUnit, previousWearer, previousUnit } = wearUnit(ctx.repos, session.id, p.deviceId, player.id, now);
      if (createdUnit) createdUnits.push(unit.deviceId);
      if (previousWearer) {
        warnings.push(`unit ${unit.deviceId} was worn by ${players.get(previousWearer)?.name ?? 'another player'} in this session; it is now ${player.name}'s`);
      }
      if (previousUnit) {
        warnings.push(`${player.name} wore unit ${units.get(previousUnit)?.deviceId ?? previousUnit} in this session; that assignment was replaced by ${unit.deviceId}`);
      }

      for (const f of p.files) {
        const base = { fileId: f.fileId, sourceName: f.sourceName, deviceId: unit.deviceId, playerName: player.name, format: f.format!.id, sha256: f.sha256! };
        if (unchanged.has(f.fileId)) {
          committed.push({ ...base, outcome: 'unchanged' });
          continue;
        }
        const before = sessions.linkedSha(session.id, unit.id, f.sourceName);
        sessions.attachFile(session.id, { unitId: unit.id, format: f.format!.id, size: f.size, sourceName: f.sourceName, sha256: f.sha256!, options: f.options }, now);
        committed.push({ ...base, outcome: before === undefined ? 'imported' : 'replaced' });
        if (f.overlap && f.overlap.seconds === 0) warnings.push(`${f.sourceName}: its data does not overlap the session window`);
      }
    }
  }).immediate();
  if (createdPlayers.length > 0) ctx.events.emit('roster:changed', { kind: 'players' });
  if (createdUnits.length > 0 || plans.size > 0) ctx.events.emit('roster:changed', { kind: 'units' });
  return { session: sessions.get(session.id)!, files: committed, createdUnits, createdPlayers, warnings };
}
