import type { SurveyFlag } from '../../../../shared/domain/survey.ts';

/** Flags in words, most serious first; the level is said by a symbol and a word, not colour alone. */
export function FlagList({ flags }: { flags: SurveyFlag[] }) {
  if (flags.length === 0) return <span>—</span>;
  return (
    <ul className="fb-flags" style={{ margin: 0, paddingLeft: 18 }}>
      {flags.map((f, i) => (
        <li key={i} className={`flag-${f.level}`}>
          {f.level === 'red' ? '● Red: ' : f.level === 'amber' ? '▲ Amber: ' : ''}
          {f.text}
        </li>
      ))}
    </ul>
  );
}
