/**
 * The files of a drop or a file input, with the path relative to what was dropped or chosen
 * ("session/P1-1001/gps.csv"), so a dropped folder keeps its layout when uploaded. Folders are
 * read through the File System entries API (Chromium, Electron); without it only files come.
 */
export interface PickedFile {
  file: File;
  relativePath: string;
}

const clean = (segment: string) => segment.replace(/[\\\0]/g, '_');

/** Call from the drop handler itself: the DataTransfer's entries are only valid during the event. */
export function entriesOfDrop(dt: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const e = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (e) entries.push(e);
  }
  return { entries, files: Array.from(dt.files ?? []) };
}

export async function filesOfDrop(drop: { entries: FileSystemEntry[]; files: File[] }): Promise<PickedFile[]> {
  if (drop.entries.length === 0) return drop.files.map((file) => ({ file, relativePath: clean(file.name) }));
  const out: PickedFile[] = [];
  for (const e of drop.entries) await collect(e, '', out);
  return unique(out);
}

/** A file input's files (webkitdirectory inputs give each file's path inside the chosen folder). */
export function filesOfInput(list: FileList | null): PickedFile[] {
  const files = Array.from(list ?? []);
  return unique(files.map((file) => ({ file, relativePath: (file.webkitRelativePath || file.name).split('/').map(clean).join('/') })));
}

async function collect(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${clean(entry.name)}` : clean(entry.name);
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: path });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      // readEntries answers in batches until an empty one.
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collect(child, path, out);
    }
  }
}

/** Two dropped files with one name (from different places) are both kept: "x.fit", "x (2).fit". */
function unique(files: PickedFile[]): PickedFile[] {
  const seen = new Set<string>();
  return files.map((f) => {
    let p = f.relativePath;
    for (let n = 2; seen.has(p.toLowerCase()); n++) {
      const dot = f.relativePath.lastIndexOf('.');
      const slash = f.relativePath.lastIndexOf('/');
      p = dot > slash + 1 ? `${f.relativePath.slice(0, dot)} (${n})${f.relativePath.slice(dot)}` : `${f.relativePath} (${n})`;
    }
    seen.add(p.toLowerCase());
    return { file: f.file, relativePath: p };
  });
}
