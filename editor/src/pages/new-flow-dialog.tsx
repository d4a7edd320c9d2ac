import { useEffect, useId, useState } from 'react';
import { type FlowTemplate, templatesApi } from '../api/templates.js';
import { useLocalized, useT } from '../i18n/i18n.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorNote } from '../ui/error-note.js';
import { Icon } from '../ui/icon.js';
import './new-flow-dialog.css';

/** What the analyst picked: an empty flow, or a ready-made one to copy. */
export type NewFlowChoice = { kind: 'blank' } | { kind: 'template'; templateId: string };

/**
 * The "New flow" dialog: a blank flow or one of the server's templates, each a card with its
 * name and description in the analyst's language; the optional name replaces the default one.
 */
export function NewFlowDialog({
  onCreate,
  onClose,
}: {
  onCreate(choice: NewFlowChoice, name: string): Promise<void>;
  onClose(): void;
}) {
  const t = useT();
  const localized = useLocalized();
  const nameId = useId();
  const [templates, setTemplates] = useState<FlowTemplate[] | null>(null);
  const [choice, setChoice] = useState<NewFlowChoice>({ kind: 'blank' });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    templatesApi
      .list()
      .then(setTemplates)
      .catch((caught: unknown) => {
        setTemplates([]);
        setError(caught);
      });
  }, []);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      await onCreate(choice, name.trim());
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const isPicked = (candidate: NewFlowChoice) =>
    candidate.kind === choice.kind &&
    (candidate.kind === 'blank' || (choice.kind === 'template' && candidate.templateId === choice.templateId));
  const card = (candidate: NewFlowChoice, title: string, description: string, tags?: readonly string[]) => (
    <button
      type="button"
      className="template-card"
      aria-pressed={isPicked(candidate)}
      onClick={() => setChoice(candidate)}
      data-testid={candidate.kind === 'blank' ? 'new-flow-blank' : `new-flow-template-${candidate.templateId}`}
    >
      <strong>{title}</strong>
      <span className="muted small">{description}</span>
      {tags && tags.length > 0 && (
        <span className="template-tags">
          {tags.map((tag) => (
            <span key={tag} className="pill">
              {tag}
            </span>
          ))}
        </span>
      )}
    </button>
  );

  return (
    <Dialog title={t('flows.new')} onClose={onClose} wide testId="new-flow-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <ul className="template-cards" aria-label={t('flows.startFrom')}>
          <li>{card({ kind: 'blank' }, t('flows.blank'), t('flows.blankHint'))}</li>
          {templates?.map((template) => (
            <li key={template.id}>
              {card(
                { kind: 'template', templateId: template.id },
                localized(template.name),
                localized(template.description),
                template.tags,
              )}
            </li>
          ))}
        </ul>
        {templates === null && <p className="muted">{t('common.loading')}</p>}
        <label className="field-label new-flow-name" htmlFor={nameId}>
          {t('flows.nameOptional')}
        </label>
        <input
          id={nameId}
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('flows.newName')}
          data-testid="new-flow-name"
        />
        <ErrorNote error={error} />
        <div className="row new-flow-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="new-flow-create">
            <Icon name="plus" size={14} /> {t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
