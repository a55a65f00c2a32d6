/**
 * Notices drives appearing and disappearing by polling mount roots (fs.watch on mount points
 * is unreliable across platforms; a readdir a second is cheap). Roots are injectable so tests
 * use temp folders. A 'parent' root's sub-folders are volumes (/media/$USER/*, /Volumes/*);
 * a 'self' root is a volume when it exists (Windows drive letters).
 */
import { EventEmitter } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export interface VolumeRoot {
  path: string;
  kind: 'parent' | 'self';
}

export function defaultVolumeRoots(platform: NodeJS.Platform = process.platform, user = safeUser()): VolumeRoot[] {
  if (platform === 'darwin') return [{ path: '/Volumes', kind: 'parent' }];
  if (platform === 'win32') {
    return 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => ({ path: `${l}:\\`, kind: 'self' as const }));
  }
  return [
    { path: `/media/${user}`, kind: 'parent' },
    { path: `/run/media/${user}`, kind: 'parent' },
    { path: '/mnt', kind: 'parent' },
  ];
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'user';
  }
}

export interface VolumeWatcherEvents {
  added: [string];
  removed: [string];
}

export class VolumeWatcher extends EventEmitter<VolumeWatcherEvents> {
  private readonly roots: VolumeRoot[];
  private readonly pollMs: number;
  private readonly current = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private scanning: Promise<void> | null = null;

  constructor(roots: VolumeRoot[], pollMs = 1000) {
    super();
    this.roots = roots;
    this.pollMs = pollMs;
  }

  volumes(): string[] {
    return [...this.current];
  }

  async start(): Promise<void> {
    await this.scan();
    this.timer = setInterval(() => void this.scan(), this.pollMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  scan(): Promise<void> {
    if (!this.scanning) {
      this.scanning = this.scanOnce().finally(() => {
        this.scanning = null;
      });
    }
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const seen = new Set<string>();
    for (const r of this.roots) {
      if (r.kind === 'self') {
        if (await isDir(r.path)) seen.add(r.path);
        continue;
      }
      let names: string[] = [];
      try {
        const entries = await readdir(r.path, { withFileTypes: true });
        // Directories only, not symlinks: macOS links the boot disk into /Volumes.
        names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
      } catch {
        continue; // root absent on this machine
      }
      for (const n of names) {
        const p = join(r.path, n);
        if (await isDir(p)) seen.add(p);
      }
    }
    for (const p of [...this.current]) {
      if (!seen.has(p)) {
        this.current.delete(p);
        this.emit('removed', p);
      }
    }
    for (const p of seen) {
      if (!this.current.has(p)) {
        this.current.add(p);
        this.emit('added', p);
      }
    }
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
