/**
 * The read-only web page: a team's synced sessions, newest first, each opening its report. A
 * browser signs in with HTTP Basic auth, the team token as the password (any user name), so the
 * server keeps no login state. Pages carry a strict Content-Security-Policy: the list runs no
 * script at all; a report may run only its own inline scripts (by hash), in a sandbox (an opaque
 * origin: it can reach neither this site nor the network).
 */
import { createHash } from 'node:crypto';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const LIST_CSP = "default-src 'none'; style-src 'sha256-%STYLE%'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebSessionRow {
  session_id: string;
  name: string;
  start_ms: string;
  end_ms: string;
  revision: number;
  updated_at: Date;
  players: string;
  has_report: boolean;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b2733}h1{font-size:20px}
table{border-collapse:collapse;width:100%;max-width:1100px}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #dde3ea}
th{background:#f3f6f9}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#5a6b7b}`;

const styleHash = (): string => createHash('sha256').update(STYLE).digest('base64');

export function listPage(team: string, rows: WebSessionRow[]): { html: string; csp: string } {
  const fmt = (ms: string): string => new Date(Number(ms)).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const body = rows.length === 0
    ? '<p class="muted">No session has been synced yet.</p>'
    : `<table><thead><tr><th>Session</th><th>Start</th><th>End</th><th>Players</th><th>Revision</th><th>Received</th><th>Report</th></tr></thead><tbody>${rows
      .map(
        (r) => `<tr><td>${esc(r.name)}</td><td>${fmt(r.start_ms)}</td><td>${fmt(r.end_ms)}</td><td class="n">${esc(r.players)}</td><td class="n">${r.revision}</td><td>${esc(r.updated_at.toISOString().replace('T', ' ').slice(0, 19))} UTC</td><td>${
          r.has_report ? `<a href="/web/sessions/${encodeURIComponent(r.session_id)}/report">Open report</a>` : '<span class="muted">none</span>'
        }</td></tr>`,
      )
      .join('')}</tbody></table>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(team)}: synced sessions</title><style>${STYLE}</style></head>
<body><h1>${esc(team)}: synced sessions</h1><p class="muted">Read-only. Sessions arrive from the pitch-side laptops; each shows its latest revision.</p>${body}</body></html>`;
  return { html, csp: LIST_CSP.replace('%STYLE%', styleHash()) };
}

/** The CSP for a stored report: its inline scripts and styles by hash, sandboxed, no network. */
export function reportCsp(html: string): string {
  const hashes = (re: RegExp): string[] => {
    const out = new Set<string>();
    for (const m of html.matchAll(re)) out.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
    return [...out];
  };
  const scripts = hashes(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi);
  const styles = hashes(/<style[^>]*>([\s\S]*?)<\/style>/gi);
  return [
    "default-src 'none'",
    `script-src ${scripts.length ? scripts.join(' ') : "'none'"}`,
    // The stylesheet is pinned by hash; React and recharts set style attributes (no code runs from them).
    `style-src-elem ${styles.length ? styles.join(' ') : "'none'"}`,
    "style-src-attr 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    'sandbox allow-scripts allow-modals',
  ].join('; ');
}
