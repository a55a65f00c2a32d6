import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportModel } from '../../../shared/domain/report.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { renderReportHtml } from './html-report.ts';

/**
 * Writes `<dataDir>/reports/<sessionId>/report.html` atomically (temp + rename): the previous
 * report stays readable until the new one is complete.
 */
export class ReportWriter {
  private readonly dataDir: string;
  private readonly viewerPath: string;
  private readonly durable: boolean;
  private viewerJs: string | null = null;

  /** durable: false for a temporary data dir (no fsync; see writeFileAtomic). */
  constructor(dataDir: string, viewerPath: string, opts: { durable?: boolean } = {}) {
    this.dataDir = dataDir;
    this.viewerPath = viewerPath;
    this.durable = opts.durable !== false;
  }

  pathFor(sessionId: string): string {
    return join(this.dataDir, 'reports', sessionId, 'report.html');
  }

  /** `seriesRecords`: see renderReportHtml. */
  write(model: ReportModel, seriesRecords?: readonly Uint8Array[]): string {
    return this.writeHtml(model.session.id, this.render(model, seriesRecords));
  }

  render(model: ReportModel, seriesRecords?: readonly Uint8Array[]): string {
    return renderReportHtml(model, this.viewer(), seriesRecords);
  }

  /** Writes a rendered report (render()) in the session's place; its path. */
  writeHtml(sessionId: string, html: string): string {
    const path = this.pathFor(sessionId);
    writeFileAtomic(path, html, { durable: this.durable });
    return path;
  }

  private viewer(): string {
    if (this.viewerJs === null) {
      try {
        this.viewerJs = readFileSync(this.viewerPath, 'utf8');
      } catch {
        throw new Error(`the report viewer bundle is missing at ${this.viewerPath}: run "npm run build"`);
      }
    }
    return this.viewerJs;
  }
}
