import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import { Icon } from '../../ui/icon.js';
import type { Suggestion } from './reference-suggestions.js';
import { TemplateField } from './template-field.js';

export interface LeafProps<T> {
  id: string;
  value: T | undefined;
  onChange(value: T | undefined): void;
  invalid?: boolean;
  describedBy?: string;
}

export function SelectInput({
  id,
  value,
  onChange,
  options,
  invalid,
  describedBy,
}: LeafProps<unknown> & { options: unknown[] }) {
  const t = useT();
  const index = options.indexOf(value);
  return (
    <select
      id={id}
      className={invalid ? 'input is-invalid' : 'input'}
      value={index}
      aria-describedby={describedBy}
      onChange={(event) => onChange(options[Number(event.target.value)])}
    >
      {index === -1 && <option value={-1}>{t('field.pickNone')}</option>}
      {options.map((option, i) => (
        <option key={String(option)} value={i}>
          {String(option)}
        </option>
      ))}
    </select>
  );
}

export function SwitchInput({ id, value, onChange, describedBy }: LeafProps<boolean>) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={value === true}
      aria-describedby={describedBy}
      className={value ? 'switch is-on' : 'switch'}
      onClick={() => onChange(!value)}
    >
      <span className="switch-thumb" />
    </button>
  );
}

export function NumberInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  min,
  max,
}: LeafProps<number> & { min?: number; max?: number }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(
    () => setText((current) => (Number(current) === value ? current : value === undefined ? '' : String(value))),
    [value],
  );
  return (
    <input
      id={id}
      type="number"
      inputMode="decimal"
      className={invalid ? 'input is-invalid' : 'input'}
      value={text}
      min={min}
      max={max}
      aria-describedby={describedBy}
      onChange={(event) => {
        setText(event.target.value);
        const number = event.target.valueAsNumber;
        onChange(event.target.value === '' || Number.isNaN(number) ? undefined : number);
      }}
    />
  );
}

/** A record of names to values (headers, code inputs); values may hold `{{ }}` references. */
export function KeyValueInput({
  id,
  value,
  onChange,
  suggestions,
}: LeafProps<Record<string, unknown>> & { suggestions: Suggestion[] }) {
  const t = useT();
  const [rows, setRows] = useState<[string, unknown][]>(() => Object.entries(value ?? {}));
  useEffect(() => {
    const incoming = Object.entries(value ?? {});
    setRows((current) =>
      JSON.stringify(Object.fromEntries(current)) === JSON.stringify(value ?? {}) ? current : incoming,
    );
  }, [value]);
  const commit = (next: [string, unknown][]) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter(([key]) => key !== '')));
  };
  return (
    <div className="kv" id={id}>
      {rows.map(([key, item], index) => (
        <div className="kv-row" key={String(index)}>
          <input
            className="input"
            value={key}
            placeholder={t('field.key')}
            aria-label={t('field.key')}
            onChange={(event) => commit(rows.map((row, i) => (i === index ? [event.target.value, row[1]] : row)))}
          />
          <TemplateField
            id={`${id}-${index}`}
            value={typeof item === 'string' ? item : JSON.stringify(item)}
            suggestions={suggestions}
            placeholder={t('field.value')}
            onChange={(text) => commit(rows.map((row, i) => (i === index ? [row[0], text] : row)))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.remove')}
            onClick={() => commit(rows.filter((_, i) => i !== index))}
          >
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="button button-small button-ghost" onClick={() => setRows([...rows, ['', '']])}>
        <Icon name="plus" size={14} /> {t('field.addItem')}
      </button>
    </div>
  );
}

export function MultiSelectInput({ id, value, onChange, options }: LeafProps<unknown[]> & { options: unknown[] }) {
  const chosen = new Set(value ?? []);
  return (
    <fieldset className="checks" id={id}>
      {options.map((option) => (
        <label key={String(option)} className="check">
          <input
            type="checkbox"
            checked={chosen.has(option)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, option] : [...chosen].filter((c) => c !== option))
            }
          />
          {String(option)}
        </label>
      ))}
    </fieldset>
  );
}

/** A list of short texts, one per line (keywords, stop words, class names). */
export function TagsInput({ id, value, onChange, describedBy }: LeafProps<string[]>) {
  const [text, setText] = useState((value ?? []).join('\n'));
  useEffect(() => {
    setText((current) =>
      current.split('\n').filter(Boolean).join('\n') === (value ?? []).join('\n') ? current : (value ?? []).join('\n'),
    );
  }, [value]);
  return (
    <textarea
      id={id}
      className="input"
      rows={3}
      value={text}
      aria-describedby={describedBy}
      onChange={(event) => {
        setText(event.target.value);
        onChange(
          event.target.value
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        );
      }}
    />
  );
}

/**
 * A value of any JSON type: text (with references) when it is text, JSON otherwise. Typing
 * something that parses as a JSON object or array stores it as data.
 */
export function AnyInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  suggestions,
}: LeafProps<unknown> & { suggestions: Suggestion[] }) {
  const t = useT();
  const structured = value !== undefined && typeof value !== 'string';
  const [text, setText] = useState(structured ? JSON.stringify(value, null, 2) : ((value as string | undefined) ?? ''));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    if (typeof value === 'string') setText(value);
  }, [value]);
  const update = (next: string) => {
    setText(next);
    const trimmed = next.trim();
    // `{{ ref }}` and `{% tag %}` are templates, not JSON objects.
    if (/^[[{]/.test(trimmed) && !/^\{[{%]/.test(trimmed)) {
      try {
        onChange(JSON.parse(trimmed));
        setBad(false);
        return;
      } catch {
        setBad(true);
      }
    } else setBad(false);
    onChange(next === '' ? undefined : next);
  };
  return (
    <>
      <TemplateField
        id={id}
        value={text}
        onChange={update}
        suggestions={suggestions}
        multiline={text.includes('\n') || structured}
        invalid={invalid || bad}
        describedBy={describedBy}
      />
      {bad && <p className="field-hint">{t('field.invalidJson')}</p>}
    </>
  );
}
