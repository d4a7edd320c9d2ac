import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import { openReference, type Suggestion } from './reference-suggestions.js';

interface TemplateFieldProps {
  id: string;
  value: string;
  onChange(value: string): void;
  suggestions: Suggestion[];
  multiline?: boolean;
  invalid?: boolean;
  placeholder?: string;
  describedBy?: string;
}

const LIMIT = 12;

/**
 * A text field where typing `{{` opens the upstream nodes' outputs (arrow keys, Enter or Tab to
 * insert). Built on a plain textarea so it stays light; CodeMirror is kept for code.
 */
export function TemplateField(props: TemplateFieldProps) {
  const { id, value, onChange, suggestions, multiline, invalid, placeholder, describedBy } = props;
  const t = useT();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [query, setQuery] = useState<string | undefined>(undefined);
  const [active, setActive] = useState(0);
  const listId = useId();

  const matches = useMemo(() => {
    if (query === undefined) return [];
    const q = query.toLowerCase();
    return suggestions.filter((s) => s.label.toLowerCase().startsWith(q)).slice(0, LIMIT);
  }, [query, suggestions]);

  const refresh = (text: string, caret: number) => {
    const open = openReference(text.slice(0, caret));
    setQuery(open);
    setActive(0);
  };

  const insert = (suggestion: Suggestion) => {
    const field = ref.current;
    if (!field || query === undefined) return;
    const caret = field.selectionStart ?? value.length;
    const before = value.slice(0, caret - query.length).replace(/\{\{-?\s*$/, (open) => `${open.trimEnd()} `);
    const after = value.slice(caret);
    const closing = /^\s*-?\}\}/.test(after) ? '' : ' }}';
    const next = `${before}${suggestion.label}${closing}${after}`;
    onChange(next);
    setQuery(undefined);
    const position = before.length + suggestion.label.length + closing.length;
    requestAnimationFrame(() => field.setSelectionRange(position, position));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const chosen = matches[active];
      if (chosen) insert(chosen);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setQuery(undefined);
    }
  };

  const common = {
    id,
    ref,
    value,
    placeholder: placeholder ?? t('field.referenceHint'),
    className: invalid ? 'input is-invalid' : 'input',
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-autocomplete': 'list' as const,
    'aria-controls': matches.length > 0 ? listId : undefined,
    'aria-activedescendant': matches.length > 0 ? `${listId}-${active}` : undefined,
    // ARIA allows the combobox role on a one-line input only; a textarea stays a textbox that
    // still names its suggestion list and the active suggestion.
    ...(multiline ? {} : { role: 'combobox', 'aria-expanded': matches.length > 0 }),
    spellCheck: false,
    onKeyDown,
    onBlur: () => setTimeout(() => setQuery(undefined), 150),
    onChange: (event: { target: HTMLTextAreaElement | HTMLInputElement }) => {
      onChange(event.target.value);
      refresh(event.target.value, event.target.selectionStart ?? event.target.value.length);
    },
  };

  return (
    <div className="template-field">
      {multiline ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
      {matches.length > 0 && (
        <div className="suggestions" id={listId} role="listbox" data-testid="reference-suggestions">
          {matches.map((s, index) => (
            <div
              key={s.label}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={index === active ? 'is-active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                insert(s);
              }}
            >
              <code>{s.label}</code>
              {s.type && <span className="muted">{s.type}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
