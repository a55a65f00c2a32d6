/**
 * Turns the files and folders a user chose into the list of files to scan. Folders are walked
 * (sorted, at most MAX_DEPTH deep, hidden entries and symbolic links left out, at most
 * MAX_SCAN_FILES files); a folder holding a Player1 layout meta.csv names the player of each
 * `<device_id>/` folder beside it. Nothing is decoded here: that is the worker's job.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { MAX_SCAN_FILES, type SkippedFile } from '../../../shared/api/imports.contract.ts';
import { FormatError } from '../formats/format-error.ts';
import { META_FILE_NAMES, decodeMetaCsv, parseMetaCsv, type MetaEntry } from '../formats/meta-csv.ts';

export interface Candidate {
  path: string;
  /** Relative to the chosen folder (its own name first), or the file name for a chosen file. */
  sourceName: string;
  /** Name of the folder the file sits in; null at the top of an upload batch (no folder was dropped). */
  parentName: string | null;
  /**
   * The file is in a subfolder of a chosen folder, taken as a folder per unit. Files at the top of a
   * chosen folder, or chosen on their own, may be anyone's: their folder does not name a unit.
   */
  inUnitFolder: boolean;
  /** The Player1 layout entry naming this unit's player, when the file is in `<layout>/<device_id>/`. */
  layout: MetaEntry | null;
  /** The user chose this file itself (not found by walking): it is shown even if it is not data. */
  explicit: boolean;
}

export interface WalkResult {
  candidates: Candidate[];
  skipped: SkippedFile[];
  layouts: { folder: string; metaFile: string; units: number }[];
  warnings: string[];
  /** Paths that do not exist. */
  missing: string[];
}

export const MAX_DEPTH = 8;

/**
 * @param stagingRoot folders directly under it are upload batches: their own name (a UUID) is not
 *        part of the names shown, and files at their top have no folder.
 */
export async function walkPaths(paths: string[], stagingRoot: string | null): Promise<WalkResult> {
  const out: WalkResult = { candidates: [], skipped: [], layouts: [], warnings: [], missing: [] };
  const seen = new Set<string>();
  let capped = false;

  const add = (c: Candidate) => {
    if (seen.has(c.path)) return;
    if (out.candidates.length >= MAX_SCAN_FILES) {
      if (!capped) out.warnings.push(`more than ${MAX_SCAN_FILES} files: only the first ${MAX_SCAN_FILES} were scanned; choose a smaller folder`);
      capped = true;
      return;
    }
    seen.add(c.path);
    out.candidates.push(c);
  };

  /** depth: 0 for a chosen folder, -1 for an upload batch (its top-level entries were the ones chosen). */
  const walkDir = async (dir: string, name: string, depth: number, layouts: Map<string, MetaEntry>): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.warnings.push(`${name || basename(dir)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A Player1 layout: meta.csv here names the players of the <device_id>/ folders beside it.
    const inner = new Map(layouts);
    const metaName = META_FILE_NAMES.find((n) => entries.some((e) => e.isFile() && e.name === n));
    if (metaName) {
      const metaPath = join(dir, metaName);
      const shown = name ? `${name}/${metaName}` : metaName;
      try {
        const meta = parseMetaCsv(decodeMetaCsv(await readFile(metaPath), shown, out.warnings), shown);
        for (const m of meta) inner.set(join(dir, m.deviceId).toLowerCase(), m);
        out.layouts.push({ folder: name || basename(dir), metaFile: metaName, units: meta.length });
        out.skipped.push({ sourceName: shown, path: metaPath, reason: `Player1 layout metadata: names the players of ${meta.length} unit(s)` });
      } catch (e) {
        const why = e instanceof FormatError ? e.message : (e as Error).message;
        out.warnings.push(`${why}; the players of this folder's units are not named`);
        out.skipped.push({ sourceName: shown, path: metaPath, reason: `Player1 layout metadata that could not be read: ${why}` });
      }
    }
    for (const e of entries) {
      if (capped) return;
      const path = join(dir, e.name);
      const rel = name ? `${name}/${e.name}` : e.name;
      // Hidden entries (.DS_Store, .Trashes) are system clutter inside a folder; in an upload batch
      // the top-level entries are what the user chose, so they are scanned whatever their name.
      if (e.name.startsWith('.') && depth >= 0) continue;
      if (e.isDirectory()) {
        if (depth >= MAX_DEPTH) {
          out.warnings.push(`${rel}: deeper than ${MAX_DEPTH} folders, not scanned`);
          continue;
        }
        await walkDir(path, rel, depth + 1, inner);
      } else if (e.isFile()) {
        if (e.name === metaName) continue;
        add({
          path,
          sourceName: rel,
          parentName: depth < 0 ? null : basename(dir),
          inUnitFolder: depth >= 1,
          layout: inner.get(dir.toLowerCase()) ?? null,
          explicit: depth < 0,
        });
      } else if (e.isSymbolicLink()) {
        out.skipped.push({ sourceName: rel, path, reason: 'a symbolic link (not followed: choose its target)' });
      } else {
        // A named pipe, socket or device: listed, never read (reading a pipe could wait for ever).
        out.skipped.push({ sourceName: rel, path, reason: 'not a regular file (a pipe, socket or device): not read' });
      }
    }
  };

  for (const given of paths) {
    const path = resolve(given);
    let st;
    try {
      st = await lstat(path);
    } catch {
      out.missing.push(given);
      continue;
    }
    const batch = stagingRoot !== null && isBatchDir(path, stagingRoot);
    if (stagingRoot !== null && !batch && isInside(path, stagingRoot)) {
      out.warnings.push(`${given}: inside the upload staging area but not an upload batch; not scanned`);
      continue;
    }
    if (st.isDirectory()) await walkDir(path, batch ? '' : basename(path), batch ? -1 : 0, new Map());
    else if (st.isFile()) add({ path, sourceName: basename(path), parentName: basename(dirname(path)) || null, inUnitFolder: false, layout: null, explicit: true });
    else out.warnings.push(`${given}: not a file or folder`);
  }
  return out;
}

function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}

function isBatchDir(path: string, stagingRoot: string): boolean {
  return dirname(path) === resolve(stagingRoot);
}
