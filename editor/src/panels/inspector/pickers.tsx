import { useT } from '../../i18n/i18n.js';
import { useCredentials, useKnowledgeBases } from '../../state/resources-store.js';
import type { LeafProps } from './field-widgets.js';

interface Option {
  value: string;
  label: string;
}

/** A select over server-side things that still accepts a typed id (a reference or a not-yet-created one). */
function ComboPicker({
  id,
  value,
  onChange,
  options,
  invalid,
  describedBy,
}: LeafProps<string> & { options: Option[] }) {
  const listId = `${id}-options`;
  return (
    <>
      <input
        id={id}
        list={listId}
        className={invalid ? 'input is-invalid' : 'input'}
        value={value ?? ''}
        aria-describedby={describedBy}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
      <datalist id={listId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </datalist>
    </>
  );
}

export function KnowledgePicker(props: LeafProps<string>) {
  const bases = useKnowledgeBases();
  return <ComboPicker {...props} options={bases.map((kb) => ({ value: kb.id, label: kb.name ?? kb.id }))} />;
}

export function CredentialPicker(props: LeafProps<string>) {
  const t = useT();
  const credentials = useCredentials();
  return (
    <select
      id={props.id}
      className={props.invalid ? 'input is-invalid' : 'input'}
      value={props.value ?? ''}
      aria-describedby={props.describedBy}
      onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      <option value="">{t('field.pickNone')}</option>
      {props.value && !credentials.some((c) => c.id === props.value) && (
        <option value={props.value}>{props.value}</option>
      )}
      {credentials.map((credential) => (
        <option key={credential.id} value={credential.id}>
          {credential.id}
          {credential.provider ? ` · ${credential.provider}` : ''}
        </option>
      ))}
    </select>
  );
}

/** Well-known chat models of the providers Tailor speaks to; any other name can be typed. */
const KNOWN_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1-mini',
  'claude-3-5-haiku-latest',
  'claude-sonnet-4-0',
  'deepseek-chat',
  'deepseek-reasoner',
  'qwen-plus',
  'qwen-turbo',
  'moonshot-v1-8k',
  'glm-4-flash',
  'hunyuan-lite',
  'llama3.1',
];

export function ModelPicker(props: LeafProps<string>) {
  return <ComboPicker {...props} options={KNOWN_MODELS.map((model) => ({ value: model, label: model }))} />;
}

const PROVIDERS = [
  'openai',
  'anthropic',
  'azure-openai',
  'deepseek',
  'qwen',
  'moonshot',
  'zhipu',
  'hunyuan',
  'ollama',
  'vllm',
  'llamacpp',
];

/** Providers named by configured credentials first, then the ones Tailor knows. */
export function ProviderPicker(props: LeafProps<string>) {
  const credentials = useCredentials();
  const configured = credentials.map((c) => c.provider).filter((p): p is string => typeof p === 'string');
  const names = [...new Set([...configured, ...PROVIDERS])];
  return <ComboPicker {...props} options={names.map((name) => ({ value: name, label: name }))} />;
}
