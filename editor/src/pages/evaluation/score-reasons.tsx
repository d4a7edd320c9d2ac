import type { Score } from '../../api/evaluations.js';
import { Icon } from '../../ui/icon.js';
import { formatScore } from './evaluation-format.js';

/** Each scorer's verdict on one item and why it decided so. */
export function ScoreReasons({ scores }: { scores: readonly Score[] }) {
  if (scores.length === 0) return null;
  return (
    <ul className="eval-reasons">
      {scores.map((score) => (
        <li key={score.scorer} className={score.pass ? 'is-pass' : 'is-fail'}>
          <Icon name={score.pass ? 'check' : 'x'} size={12} />
          <span className="mono">{score.scorer}</span>
          <span className="mono muted">{formatScore(score.score)}</span>
          {score.detail && <span className="eval-reason">{score.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
