import type { SkippedFile } from '../../../../../shared/api/imports.contract.ts';

/** Files found in the chosen folders that are not data: listed, so nothing goes unseen. */
export function SkippedFiles({ skipped }: { skipped: SkippedFile[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="skipped">
      <summary>
        {skipped.length} other file(s) found that are not data files (not imported)
      </summary>
      <ul>
        {skipped.map((s) => (
          <li key={s.path}>
            <span className="mono">{s.sourceName}</span>: {s.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
