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

/** The viewer bundle as a report inlines it (a `</script` inside it would end the element early). */
export function viewerInlineScript(viewerJs: string): string {
  return viewerJs.replace(/<\/script/gi, '<\\/script');
}

/**
 * The header CSP for a report file as served, sandboxed. A report of ours: its own inline scripts
 * by hash. A file someone shared (`trusted` given): only those of its inline scripts that are a
 * viewer this app knows (by hash); any other script in it, and every inline handler, never runs.
 */
export function reportCspForHtml(html: string, trusted?: ReadonlySet<string>): string {
  const hashes = inlineScriptHashes(html);
  return reportCsp(trusted ? hashes.filter((h) => trusted.has(h)) : hashes);
}
