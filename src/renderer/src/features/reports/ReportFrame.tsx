/**
 * A report inside the app's window, in a sandboxed frame: `sandbox="allow-scripts"` and never
 * allow-same-origin, so the report runs in an opaque origin with no access to this page, its
 * storage or the app's API (the preload is not in sub-frames either). The protocol sends the
 * report's own CSP with it (scripts by hash, no network, `sandbox allow-scripts`), so the frame
 * stays sealed even if this attribute were lost. No referrer: the frame learns nothing of the
 * page's address.
 */
export function ReportFrame({ url, title }: { url: string; title: string }) {
  return <iframe className="report-frame" src={url} title={title} sandbox="allow-scripts" referrerPolicy="no-referrer" />;
}
