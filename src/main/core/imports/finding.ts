/**
 * A scanned file as the user sees it: what the worker found, plus what only the main thread knows
 * (the roster's unit and who usually wears it, the Player1 layout's player names, the session's
 * window and the files already linked to it).
 */
import type { FileFinding, PlayerQuestion, PlayerSuggestion } from '../../../shared/api/imports.contract.ts';
import { identifyPlayer } from '../roster/identify-player.ts';
import { windowOverlap } from '../../../shared/domain/window-overlap.ts';
import type { CoreContext } from '../context.ts';
import type { Candidate } from './scan-walk.ts';
import type { ScanFileResult } from './scan-file.ts';
import { playerDetail, rosterUnitId } from '../../../shared/domain/roster.ts';

/** Formats whose unit id is their folder by convention (the Player1 CSV layout). */
const LAYOUT_FORMATS = new Set(['player1-gps-csv', 'player1-imu-csv']);

/** A device id the roster accepts (letters, digits, dot, dash, underscore; at most 64), or null. */
/** The roster id a finding proposes (see rosterUnitId). */
export const toDeviceId = rosterUnitId;

function stem(sourceName: string): string {
  const name = sourceName.slice(sourceName.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The unit id for a file: from its content, else its layout or folder, else its name. */
export function proposeUnit(c: Candidate, r: ScanFileResult): { unitId: string | null; unitSource: FileFinding['unitSource'] } {
  if (r.error) return { unitId: null, unitSource: null };
  const folder = toDeviceId(c.parentName);
  if (r.format && LAYOUT_FORMATS.has(r.format.id)) {
    // The layout names the unit after the folder (<device_id>/gps.csv), wherever it was chosen from.
    if (c.layout) return { unitId: c.layout.deviceId, unitSource: 'layout' };
    if (folder) return { unitId: folder, unitSource: 'folder' };
  } else {
    const own = toDeviceId(r.unitId);
    if (own) return { unitId: own, unitSource: 'file' };
    // Only a folder per unit names one; a file at the top of a chosen folder (Downloads...) may be anyone's.
    if (folder && c.inUnitFolder) return { unitId: folder, unitSource: 'folder' };
  }
  const name = toDeviceId(stem(c.sourceName));
  return name ? { unitId: name, unitSource: 'name' } : { unitId: null, unitSource: null };
}

export function buildFinding(
  ctx: CoreContext,
  sessionId: string,
  window: { startMs: number; endMs: number },
  fileId: string,
  c: Candidate,
  r: ScanFileResult,
): FileFinding {
  const { units, sessions, players } = ctx.repos;
  const { unitId, unitSource } = proposeUnit(c, r);
  const unit = unitId ? units.findByDeviceId(unitId) : null;
  let suggestion: PlayerSuggestion | null = null;
  if (unit) {
    const inSession = sessions.participantByUnit(sessionId, unit.id);
    const pid = inSession ?? unit.defaultPlayerId;
    const p = pid ? players.get(pid) : null;
    if (p) suggestion = { kind: 'player', playerId: p.id, name: p.name, why: inSession ? 'session' : 'usual-wearer' };
  }
  let ask: PlayerQuestion | null = null;
  if (!suggestion && c.layout && unitSource === 'layout') {
    // A person is not a name: a roster player of that name is suggested only when nothing tells
    // them apart and no other is possible; otherwise the user is asked which person is meant.
    const l = c.layout;
    const who = identifyPlayer(players, l);
    const named = players.allByName(l.playerName);
    const newPlayer = { name: l.playerName, position: l.position, shirtNumber: l.shirtNumber, birthDate: l.birthDate };
    if (who.kind === 'player' && named.length === 1) suggestion = { kind: 'player', playerId: who.player.id, name: who.player.name, why: 'layout-name' };
    else if (named.length === 0) suggestion = { kind: 'new', ...newPlayer, why: 'layout' };
    else {
      ask = {
        name: l.playerName,
        candidates: named.map((p) => ({ playerId: p.id, name: p.name, position: p.position, shirtNumber: p.shirtNumber, birthDate: p.birthDate, detail: playerDetail(p) })),
        newPlayer: { ...newPlayer, detail: playerDetail(newPlayer) },
      };
    }
  }
  const linked = r.sha256 ? sessions.fileBySha(sessionId, r.sha256) : null;
  return {
    fileId,
    sourceName: c.sourceName,
    path: c.path,
    size: r.size,
    sha256: r.sha256,
    stage: r.error ? 'failed' : 'done',
    format: r.format,
    unitId,
    unitSource,
    knownUnit: unit ? { id: unit.id, deviceId: unit.deviceId, label: unit.label } : null,
    suggestion,
    ask,
    firstMs: r.firstMs,
    lastMs: r.lastMs,
    overlap: windowOverlap(r.firstMs, r.lastMs, window.startMs, window.endMs),
    streams: r.streams,
    problems: r.problems,
    error: r.error,
    canIgnoreChecksums: r.canIgnoreChecksums,
    localClock: r.localClock,
    options: r.options,
    alreadyImported: linked ? { deviceId: linked.deviceId, sourceName: linked.sourceName } : null,
  };
}
