/** The sha256 (base64) of every inline executable script of an HTML page, for its CSP. */
import { createHash } from 'node:crypto';
import { reportCsp } from '../../../shared/security/csp.ts';

export function scriptHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('base64');
}

/** Inline scripts that run: no src, and a JavaScript type (a JSON data block never runs). */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script((?:\s[^>]*)?)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'text/javascript' && type !== 'module' && type !== 'application/javascript') continue;
    out.add(scriptHash(m[2]));
  }
  return [...out];
}

/** The header CSP for a report file as served (its own inline scripts by hash, sandboxed). */
export function reportCspForHtml(html: string): string {
  return reportCsp(inlineScriptHashes(html));
}
