import './model-picker.css';
import type { ModelKind } from '../../api/providers.js';
import { useT } from '../../i18n/i18n.js';
import { Icon } from '../../ui/icon.js';
import type { LeafProps } from './field-widgets.js';
import { isUnlisted, modelOptions, providerOptions } from './model-choice.js';
import { providerDataStore, useProviderModels, useProviders } from './provider-data.js';

/** What the sibling fields of a model choice tell its two controls. */
export interface ModelChoiceContext {
  kind: ModelKind;
  provider: string | undefined;
  credential: string | undefined;
}

/** The provider of a model choice: configured providers first, the others below, only those offering this kind. */
export function ProviderSelect({ choice, ...props }: LeafProps<string> & { choice: ModelChoiceContext }) {
  const t = useT();
  const providers = useProviders();
  const { configured, other } = providerOptions(providers ?? [], choice.kind, props.value);
  const option = (provider: { id: string; label: string }) => (
    <option key={provider.id} value={provider.id}>
      {provider.label === provider.id ? provider.id : `${provider.label} (${provider.id})`}
    </option>
  );
  return (
    <select
      id={props.id}
      className={props.invalid ? 'input is-invalid' : 'input'}
      value={props.value ?? ''}
      aria-describedby={props.describedBy}
      data-testid="provider-select"
      onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      <option value="">{providers ? t('field.pickNone') : t('modelPicker.loadingProviders')}</option>
      {configured.length > 0 && <optgroup label={t('modelPicker.configured')}>{configured.map(option)}</optgroup>}
      {other.length > 0 && <optgroup label={t('modelPicker.notConfigured')}>{other.map(option)}</optgroup>}
    </select>
  );
}

/** The model: a combobox of what the provider lists, which still takes any typed id. */
export function ModelCombo({ choice, ...props }: LeafProps<string> & { choice: ModelChoiceContext }) {
  const t = useT();
  const providers = useProviders();
  const provider = providers?.find((p) => p.id === choice.provider);
  // Ask a provider when it may answer: configured here, reached through a named credential, or a
  // local server (which says at once whether it runs). One that needs a key it lacks is not asked.
  const wanted =
    !!provider && (provider.configured || !!choice.credential || !provider.listsModels || !provider.needsKey);
  const models = useProviderModels(choice.provider, choice.credential, wanted);
  const listed = models?.status === 'ready' ? models.list : undefined;
  const options = modelOptions(provider, listed, choice.kind);
  const listId = `${props.id}-models`;
  const refresh = () => {
    if (choice.provider) void providerDataStore.getState().loadModels(choice.provider, choice.credential, true);
  };
  let status: string;
  if (!choice.provider) status = t('modelPicker.pickProvider');
  else if (provider && !wanted) status = t('modelPicker.needsCredential');
  else if (!models || models.status === 'loading') status = t('modelPicker.loadingModels');
  else if (models.status === 'failed') status = t('modelPicker.listFailed', { message: models.message });
  else if (isUnlisted(props.value, listed)) status = t('modelPicker.unlisted');
  else if (listed?.live) status = t('modelPicker.listed', { count: listed.models.length });
  else status = t('modelPicker.suggestions');
  return (
    <div className="model-combo">
      <div className="model-combo-row">
        <input
          id={props.id}
          list={listId}
          className={props.invalid ? 'input is-invalid' : 'input'}
          value={props.value ?? ''}
          placeholder={options[0] ?? t('modelPicker.typeModel')}
          aria-describedby={[props.describedBy, `${props.id}-status`].filter(Boolean).join(' ')}
          autoComplete="off"
          data-testid="model-combo"
          onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value)}
        />
        <button
          type="button"
          className="icon-button"
          title={t('modelPicker.refresh')}
          aria-label={t('modelPicker.refresh')}
          disabled={!wanted || models?.status === 'loading'}
          onClick={refresh}
        >
          <Icon name="rerun" size={14} />
        </button>
      </div>
      <datalist id={listId}>
        {options.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <p
        className={models?.status === 'failed' ? 'field-hint is-warning' : 'field-hint'}
        id={`${props.id}-status`}
        aria-live="polite"
        data-testid="model-status"
      >
        {status}
      </p>
    </div>
  );
}
