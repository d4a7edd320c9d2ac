import { SCORER_NAMES } from '../../api/evaluations.js';
import { type MessageKey, useT } from '../../i18n/i18n.js';

/** The scorers as checkboxes, each with a line on what it compares. */
export function ScorerPicker({
  value,
  onChange,
  idPrefix,
}: {
  value: readonly string[];
  onChange(next: string[]): void;
  idPrefix: string;
}) {
  const t = useT();
  const toggle = (name: string, on: boolean) =>
    onChange(on ? SCORER_NAMES.filter((n) => n === name || value.includes(n)) : value.filter((n) => n !== name));
  return (
    <fieldset className="eval-scorers">
      <legend className="field-label">{t('evaluation.scorers')}</legend>
      {SCORER_NAMES.map((name) => (
        <label key={name} className="eval-scorer" htmlFor={`${idPrefix}-${name}`}>
          <input
            id={`${idPrefix}-${name}`}
            type="checkbox"
            checked={value.includes(name)}
            onChange={(e) => toggle(name, e.target.checked)}
            data-testid={`${idPrefix}-${name}`}
          />
          <span>
            <strong className="mono">{name}</strong>
            <span className="muted small">{t(`evaluation.scorer.${name}` as MessageKey)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
