/**
 * Scans between imports:scan and imports:commit, in memory: a scan is what the user saw, and a
 * commit may only import files it found (with the bytes it hashed). Old scans are forgotten.
 */
import type { FileFinding, ScanResult } from '../../../shared/api/imports.contract.ts';
import type { Candidate } from './scan-walk.ts';

export interface ScanEntry {
  candidate: Candidate;
  finding: FileFinding;
}

export interface StoredScan {
  result: Omit<ScanResult, 'files'>;
  /** Zone a local-clock unit is read in unless the user chose another. */
  localTimeZone: string | null;
  entries: Map<string, ScanEntry>;
  createdAt: number;
}

export const MAX_SCANS = 20;
export const SCAN_TTL_MS = 6 * 3600_000;

export class ScanStore {
  private readonly scans = new Map<string, StoredScan>();
  private readonly clock: () => number;

  constructor(clock: () => number) {
    this.clock = clock;
  }

  has(scanId: string): boolean {
    return this.scans.has(scanId.toLowerCase());
  }

  get(scanId: string): StoredScan | null {
    this.expire();
    return this.scans.get(scanId.toLowerCase()) ?? null;
  }

  put(scan: StoredScan): void {
    this.expire();
    this.scans.set(scan.result.scanId.toLowerCase(), scan);
    while (this.scans.size > MAX_SCANS) this.scans.delete(this.scans.keys().next().value!);
  }

  /** The scan as the contract returns it: findings in the order the files were found. */
  static toResult(scan: StoredScan): ScanResult {
    return { ...scan.result, files: [...scan.entries.values()].map((e) => e.finding) };
  }

  private expire(): void {
    const now = this.clock();
    for (const [id, s] of this.scans) if (now - s.createdAt > SCAN_TTL_MS) this.scans.delete(id);
  }
}
