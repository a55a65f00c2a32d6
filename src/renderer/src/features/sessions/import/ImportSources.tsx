import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { entriesOfDrop, filesOfDrop, filesOfInput, type PickedFile } from './dropped-files.ts';

/** Electron's preload adds this one helper: the path of a dropped File ('' when it has none). */
function pathOf(file: File): string {
  const fn = (window as unknown as { player1?: { getPathForFile?: (f: File) => string } }).player1?.getPathForFile;
  try {
    return fn ? fn(file) : '';
  } catch {
    return '';
  }
}

/**
 * Where files come from: a drop zone (files or folders), "Choose files…" / "Choose folder…"
 * (the app's own dialogs in Electron; the browser's file inputs elsewhere), and a typed path.
 * Paths are scanned where they are; files without a path are uploaded first.
 */
export function ImportSources({
  nativeDialogs,
  disabled,
  onPaths,
  onFiles,
  onPickFiles,
  onPickFolder,
}: {
  nativeDialogs: boolean;
  disabled: boolean;
  onPaths: (paths: string[]) => void;
  onFiles: (files: PickedFile[]) => void;
  onPickFiles: () => void;
  onPickFolder: () => void;
}) {
  const [path, setPath] = useState('');
  const [over, setOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(e.dataTransfer.files);
    const paths = files.map(pathOf);
    if (files.length > 0 && paths.every((p) => p)) return onPaths(paths);
    const taken = entriesOfDrop(e.dataTransfer); // only valid during the event
    void filesOfDrop(taken).then((picked) => picked.length > 0 && onFiles(picked));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = path.trim();
    if (p) onPaths([p]);
  };
  return (
    <div className="import-sources">
      <div
        className={`drop-zone${over ? ' drop-over' : ''}${disabled ? ' drop-disabled' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p className="drop-title">⬇ Drop files or folders here</p>
        <p className="muted">Player1 pods (P1, CSV folders), watches and loggers (FIT, TCX, GPX, NMEA), Catapult and accelerometer CSV.</p>
        <div className="drop-buttons">
          <button type="button" className="big" disabled={disabled} onClick={() => (nativeDialogs ? onPickFiles() : filesInput.current?.click())}>
            Choose files…
          </button>
          <button type="button" className="big" disabled={disabled} onClick={() => (nativeDialogs ? onPickFolder() : folderInput.current?.click())}>
            Choose folder…
          </button>
        </div>
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          aria-label="Files to import"
          data-testid="files-input"
          onChange={(e) => {
            const picked = filesOfInput(e.target.files);
            e.target.value = '';
            if (picked.length > 0) onFiles(picked);
          }}
        />
        <input
          ref={(el) => {
            folderInput.current = el;
            // Not in React's types: lets the input choose a whole folder (Chromium, Electron).
            el?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          hidden
          aria-label="Folder to import"
          data-testid="folder-input"
          onChange={(e) => {
            const picked = filesOfInput(e.target.files);
            e.target.value = '';
            if (picked.length > 0) onFiles(picked);
          }}
        />
      </div>
      <form className="inline-form" onSubmit={submit} aria-label="Scan a path">
        <label className="grow">
          Or type a file or folder path
          <input value={path} onChange={(e) => setPath(e.target.value)} name="import-path" placeholder="/path/to/session" disabled={disabled} required />
        </label>
        <button type="submit" disabled={disabled}>
          Scan path
        </button>
      </form>
    </div>
  );
}
