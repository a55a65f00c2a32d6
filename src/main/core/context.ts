/** What every domain's handlers share: built once by createCore (app.ts), passed explicitly. */
import type { Db } from './db/database.ts';
import type { PlayersRepo } from './db/players.repo.ts';
import type { UnitsRepo } from './db/units.repo.ts';
import type { SessionsRepo } from './db/sessions.repo.ts';
import type { ResultsRepo } from './db/results.repo.ts';
import type { DownloadsRepo } from './db/downloads.repo.ts';
import type { DevicesHandle } from './devices/load-devices.ts';
import type { PeriodsRepo } from './db/periods.repo.ts';
import type { SettingsRepo } from './db/settings.repo.ts';
import type { DecodedCache } from './store/decoded-cache.ts';
import type { RawStore } from './store/raw-store.ts';
import type { EventBus } from './events.ts';
import type { JobRunner } from './jobs/job-runner.ts';

/** What the host (Electron, the dev bridge, the CLI) provides beyond the core. */
export interface HostAdapter {
  kind: 'electron' | 'bridge' | 'cli';
  /** Native folder picker; absent where there is none (a browser). */
  pickFolder?: (title: string) => Promise<string | null>;
  /** Native picker for several files; absent where there is none (a browser). */
  pickFiles?: (title: string) => Promise<string[]>;
  /**
   * Where the window loads a player1://reports|shared/… URL from (the Report page's sandboxed
   * frame): Electron as it is (its protocol handler serves it), the dev bridge under its loopback
   * origin (it serves the same paths with the same code). Absent: no window (the CLI).
   */
  windowUrl?: (appUrl: string) => string;
  /** Show a report; answers the URL the caller should open itself, or null when the host showed it. */
  openReport?: (path: string, sessionId: string) => Promise<{ url: string | null }>;
  /** Print a report file to PDF with the host's own engine (Electron's printToPDF); absent: Chromium through playwright-core. */
  printToPdf?: (htmlPath: string, outPath: string, opts: { orientation: 'portrait' | 'landscape' }) => Promise<void>;
  /** Open a folder in the system's file manager; absent where there is none (a browser). */
  openPath?: (path: string) => Promise<void>;
  /** Native save dialog (a backup's archive); absent where there is none (a browser: a path is typed). */
  pickSavePath?: (o: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }) => Promise<string | null>;
  /** Native dialog for one existing file (a backup to restore, a shared report); absent where there is none. */
  pickFile?: (o: { title: string; filters: { name: string; extensions: string[] }[] }) => Promise<string | null>;
}

export interface CoreContext {
  dataDir: string;
  appName: string;
  appVersion: string;
  clock: () => number;
  db: Db;
  repos: {
    players: PlayersRepo;
    units: UnitsRepo;
    sessions: SessionsRepo;
    results: ResultsRepo;
    periods: PeriodsRepo;
    settings: SettingsRepo;
    downloads: DownloadsRepo;
  };
  rawStore: RawStore;
  /** Every raw file decoded once (store/decoded-cache.ts); null for a throw-away data dir (the CLI). */
  decodedCache: DecodedCache | null;
  /** Decodes a session's stored files (those with these sha256s, or all) into the decoded cache, in the pool, in the background. */
  warmDecoded: (sessionId: string, sha256s: string[] | null) => void;
  /** Reads and checks a session's decoded entries in the pool while idle (a file taken on in the last 5 minutes is not taken again; nothing while processing); how many files it took on. */
  prepareProcessing: (sessionId: string) => { files: number };
  events: EventBus;
  jobs: JobRunner;
  host: HostAdapter;
  /** The device layer, when the host asked for it (createCore's `devices` option); else null. */
  devices: DevicesHandle | null;
}
