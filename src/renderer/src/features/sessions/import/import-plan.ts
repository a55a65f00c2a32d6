/**
 * What the user decided about a scan, kept apart from the components so the rules are plain
 * functions: which files are imported (by default the readable ones that overlap the session and
 * are not already in it), which unit id each file goes under, and which player wears each unit.
 */
import type { FileFinding } from '../../../../../shared/api/imports.contract.ts';
import { windowOverlap } from '../../../../../shared/domain/window-overlap.ts';

export type Choice =
  | { kind: 'player'; playerId: string }
  | { kind: 'new'; name: string; position: string; shirtNumber?: number | null; birthDate?: string | null }
  | { kind: 'none' };

export interface FilePlan {
  include: boolean;
  deviceId: string;
}

export interface ImportPlan {
  files: Record<string, FilePlan>;
  /** Keyed by unit id in lower case: one player per unit. */
  players: Record<string, Choice>;
}

export const unitKey = (deviceId: string) => deviceId.trim().toLowerCase();

export const DEVICE_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Why a file is left out by default, or null when it is imported by default. */
export function defaultExclusion(f: FileFinding, window: { startMs: number; endMs: number }): string | null {
  if (f.error) return 'cannot be read';
  if (f.alreadyImported) return 'already imported';
  const o = windowOverlap(f.firstMs, f.lastMs, window.startMs, window.endMs);
  if (o && o.seconds === 0) return 'outside the session window';
  return null;
}

/**
 * Adds what a new or re-read finding brings, keeping every decision the user already made. A file
 * that could not be read before (a damaged FIT file the user accepted) gets the defaults now.
 */
export function mergeFinding(plan: ImportPlan, f: FileFinding, window: { startMs: number; endMs: number }, before?: FileFinding): ImportPlan {
  const prev = plan.files[f.fileId];
  const deviceId = prev?.deviceId || f.unitId || '';
  const fresh = !prev || (before?.error != null && f.error === null);
  const include = f.error ? false : fresh ? defaultExclusion(f, window) === null : prev.include;
  const files = { ...plan.files, [f.fileId]: { include, deviceId } };
  const players = { ...plan.players };
  const key = unitKey(deviceId);
  if (key && !players[key]) {
    const s = f.suggestion;
    // A question (which of the players of that name?) leaves the unit without a player until answered.
    players[key] =
      !s || f.ask
        ? { kind: 'none' }
        : s.kind === 'player'
          ? { kind: 'player', playerId: s.playerId }
          : { kind: 'new', name: s.name, position: s.position, ...(s.shirtNumber != null ? { shirtNumber: s.shirtNumber } : {}), ...(s.birthDate ? { birthDate: s.birthDate } : {}) };
  }
  return { files, players };
}

export function emptyPlan(): ImportPlan {
  return { files: {}, players: {} };
}

export function choiceFor(plan: ImportPlan, deviceId: string): Choice {
  return plan.players[unitKey(deviceId)] ?? { kind: 'none' };
}

export interface CommitFile {
  fileId: string;
  deviceId: string;
  player: { playerId: string } | { newPlayer: { name: string; position: string; shirtNumber?: number | null; birthDate?: string | null } };
}

/** The commit request, or the reasons it cannot be made yet (shown beside the Import button). */
export function commitFiles(plan: ImportPlan, findings: FileFinding[]): { files: CommitFile[]; blockers: string[] } {
  const files: CommitFile[] = [];
  const blockers = new Set<string>();
  for (const f of findings) {
    const p = plan.files[f.fileId];
    if (!p?.include || f.error) continue;
    const deviceId = p.deviceId.trim();
    if (!DEVICE_ID_RE.test(deviceId)) {
      blockers.add(`${f.sourceName}: the unit id may use letters, digits, dot, dash and underscore only`);
      continue;
    }
    const c = choiceFor(plan, deviceId);
    if (c.kind === 'none') {
      blockers.add(f.ask ? `unit ${deviceId}: which ${f.ask.name} is meant?` : `unit ${deviceId} needs a player`);
      continue;
    }
    if (c.kind === 'new' && !c.name.trim()) {
      blockers.add(`unit ${deviceId}: type the new player's name`);
      continue;
    }
    files.push({
      fileId: f.fileId,
      deviceId,
      player:
        c.kind === 'player'
          ? { playerId: c.playerId }
          : { newPlayer: { name: c.name.trim(), position: c.position.trim(), ...(c.shirtNumber != null ? { shirtNumber: c.shirtNumber } : {}), ...(c.birthDate ? { birthDate: c.birthDate } : {}) } },
    });
  }
  return { files, blockers: [...blockers] };
}
