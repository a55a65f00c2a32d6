import type { FileFinding, FindingProblem } from '../../../../../shared/api/imports.contract.ts';
import { placeText, problemsSummary } from './finding-text.ts';

const MARK: Record<FindingProblem['severity'], string> = { error: '✖ Error', warning: '⚠ Warning', info: 'ℹ Note' };

function ProblemItem({ p }: { p: FindingProblem }) {
  const where = placeText(p);
  return (
    <li className={`problem problem-${p.severity}`}>
      <strong>{MARK[p.severity]}</strong> <code>{p.code}</code>
      {where && <span className="muted"> ({where})</span>}
      {p.count != null && p.count > 1 && <span className="muted"> ×{p.count}</span>}: {p.message}
    </li>
  );
}

/** The file's error in full, and its problems behind a disclosure (expandable by keyboard too). */
export function ProblemList({ finding }: { finding: FileFinding }) {
  const summary = problemsSummary(finding);
  if (finding.error) {
    return (
      <div className="finding-error" role="note">
        <strong>✖ Cannot be read</strong>
        <ul className="problems">
          <ProblemItem p={finding.error} />
        </ul>
      </div>
    );
  }
  if (finding.problems.length === 0) return null;
  return (
    <details className="problems-details">
      <summary>
        {finding.problems.some((p) => p.severity !== 'info') ? '⚠ ' : 'ℹ '}
        Problems: {summary} (show)
      </summary>
      <ul className="problems">
        {finding.problems.map((p, i) => (
          <ProblemItem key={i} p={p} />
        ))}
      </ul>
    </details>
  );
}
