import { lazy, type ReactNode, Suspense } from 'react';
import { type JsonSchema, schemaType, unwrapNullable } from '../../api/json-schema.js';
import type { Problem } from '../../api/schemas.js';
import { fieldLabel } from '../../i18n/field-labels.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { Icon } from '../../ui/icon.js';
import {
  AnyInput,
  KeyValueInput,
  MultiSelectInput,
  NumberInput,
  SelectInput,
  SwitchInput,
  TagsInput,
} from './field-widgets.js';
import { isModelChoice, modelKindAt } from './model-choice.js';
import { type ModelChoiceContext, ModelCombo, ProviderSelect } from './model-picker.js';
import { CredentialPicker, KnowledgePicker, ModelPicker, ProviderPicker } from './pickers.js';
import type { Suggestion } from './reference-suggestions.js';
import { TemplateField } from './template-field.js';
import { enumOptions, humanize, widgetFor } from './widget-for.js';

const CodeEditor = lazy(() => import('./code-editor.js'));

export interface FormContext {
  nodeId: string;
  suggestions: Suggestion[];
  rawFields: readonly string[];
  problems: Problem[];
  /** Set inside an object that picks a model (`provider` + `model`): its two fields become one picker. */
  modelChoice?: ModelChoiceContext;
}

interface FieldProps {
  name: string;
  /** The field path as validation writes it: `cases[0].when[1].left`. */
  path: string;
  schema: JsonSchema;
  value: unknown;
  required: boolean;
  onChange(value: unknown): void;
  ctx: FormContext;
}

function domId(nodeId: string, path: string): string {
  return `f-${nodeId}-${path.replace(/[^\w-]/g, '_')}`;
}

function Leaf({
  name,
  path,
  schema,
  value,
  onChange,
  ctx,
  invalid,
  describedBy,
}: FieldProps & { invalid: boolean; describedBy?: string }) {
  const id = domId(ctx.nodeId, path);
  const widget = widgetFor(name, schema, ctx.rawFields);
  const common = { id, invalid, describedBy };
  const real = unwrapNullable(schema);
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
  switch (widget) {
    case 'code':
      return (
        <Suspense fallback={<div className="code-editor is-loading" />}>
          <CodeEditor value={text(value)} onChange={onChange} label={name} />
        </Suspense>
      );
    case 'select':
      return (
        <SelectInput {...common} value={value ?? real.default} onChange={onChange} options={enumOptions(schema)} />
      );
    case 'switch':
      return <SwitchInput {...common} value={value === true} onChange={onChange} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
          min={real.minimum}
          max={real.maximum}
        />
      );
    case 'knowledge':
      return <KnowledgePicker {...common} value={text(value)} onChange={onChange} />;
    case 'credential':
      return <CredentialPicker {...common} value={text(value)} onChange={onChange} />;
    case 'model':
      return ctx.modelChoice ? (
        <ModelCombo {...common} choice={ctx.modelChoice} value={text(value)} onChange={onChange} />
      ) : (
        <ModelPicker {...common} value={text(value)} onChange={onChange} />
      );
    case 'provider':
      return ctx.modelChoice ? (
        <ProviderSelect {...common} choice={ctx.modelChoice} value={text(value)} onChange={onChange} />
      ) : (
        <ProviderPicker {...common} value={text(value)} onChange={onChange} />
      );
    case 'prompt':
    case 'text':
      return (
        <TemplateField
          {...common}
          value={text(value)}
          onChange={(v) => onChange(v === '' && !real.default ? undefined : v)}
          suggestions={ctx.suggestions}
          multiline={widget === 'prompt'}
        />
      );
    case 'keyvalue':
      return (
        <KeyValueInput
          {...common}
          value={value as Record<string, unknown>}
          onChange={onChange}
          suggestions={ctx.suggestions}
        />
      );
    case 'multiselect':
      return (
        <MultiSelectInput
          {...common}
          value={value as unknown[]}
          onChange={onChange}
          options={enumOptions(real.items ?? {})}
        />
      );
    case 'tags':
      return <TagsInput {...common} value={value as string[]} onChange={onChange} />;
    default:
      return <AnyInput {...common} value={value} onChange={onChange} suggestions={ctx.suggestions} />;
  }
}

function ListField({ path, schema, value, onChange, ctx }: FieldProps) {
  const t = useT();
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const itemSchema = unwrapNullable(unwrapNullable(schema).items ?? {});
  const update = (index: number, next: Record<string, unknown>) =>
    onChange(items.map((item, i) => (i === index ? next : item)));
  return (
    <div className="list-field">
      {items.map((item, index) => (
        <fieldset className="list-item" key={String(index)}>
          <legend>
            #{index + 1}
            <button
              type="button"
              className="icon-button"
              aria-label={t('common.remove')}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              <Icon name="trash" size={13} />
            </button>
          </legend>
          <ObjectFields
            schema={itemSchema}
            value={item ?? {}}
            path={`${path}[${index}]`}
            onChange={(next) => update(index, next)}
            ctx={ctx}
          />
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-small button-ghost"
        onClick={() => onChange([...items, defaultItem(itemSchema)])}
      >
        <Icon name="plus" size={14} /> {t('field.addItem')}
      </button>
    </div>
  );
}

function defaultItem(schema: JsonSchema): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) item[key] = structuredClone(property.default);
    else if (schemaType(property) === 'array' && schema.required?.includes(key)) item[key] = [];
  }
  return item;
}

function FieldShell({
  label,
  id,
  required,
  description,
  problems,
  children,
}: {
  label: string;
  id: string;
  required: boolean;
  description?: string;
  problems: Problem[];
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className={problems.length > 0 ? 'field has-problem' : 'field'} data-field={id}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && (
          <span className="field-required" title={t('field.required')}>
            *
          </span>
        )}
      </label>
      {children}
      {description && (
        <p className="field-hint" id={`${id}-hint`}>
          {description}
        </p>
      )}
      {problems.map((problem) => (
        <p key={problem.message} className="field-problem" role="alert" data-testid="field-problem">
          <Icon name="alert" size={13} /> {problem.message}
        </p>
      ))}
    </div>
  );
}

function Field(props: FieldProps) {
  const { name, path, schema, ctx, required } = props;
  const problems = ctx.problems.filter((p) => p.field === path);
  const widget = widgetFor(name, schema, ctx.rawFields);
  const id = domId(ctx.nodeId, path);
  const language = useLanguage();
  const label = schema.title ?? fieldLabel(name, language) ?? humanize(name);
  const description = unwrapNullable(schema).description;
  let control: ReactNode;
  if (widget === 'list') control = <ListField {...props} />;
  else if (widget === 'object') {
    control = (
      <div className="nested">
        <ObjectFields
          schema={unwrapNullable(schema)}
          value={(props.value as Record<string, unknown>) ?? {}}
          path={path}
          onChange={props.onChange}
          ctx={ctx}
        />
      </div>
    );
  } else
    control = <Leaf {...props} invalid={problems.length > 0} describedBy={description ? `${id}-hint` : undefined} />;
  return (
    <FieldShell label={label} id={id} required={required} description={description} problems={problems}>
      {control}
    </FieldShell>
  );
}

interface ObjectFieldsProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  path: string;
  onChange(value: Record<string, unknown>): void;
  ctx: FormContext;
}

/** The form of an object schema: one field per property, in the schema's order. */
export function ObjectFields({ schema, value, path, onChange, ctx: outer }: ObjectFieldsProps) {
  const t = useT();
  const ctx = withModelChoice(outer, schema, value, path);
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  const field = ([key, property]: [string, JsonSchema]) => (
    <Field
      key={key}
      name={key}
      path={path === '' ? key : `${path}.${key}`}
      schema={property}
      value={value[key]}
      required={required.has(key) && property.default === undefined}
      ctx={ctx}
      onChange={(next) => {
        const copy = { ...value };
        if (next === undefined) delete copy[key];
        else copy[key] = next;
        onChange(copy);
      }}
    />
  );
  // At the top of a node's form, optional tuning fields left empty wait behind "More options".
  const isPrimary = ([key, property]: [string, JsonSchema]) =>
    path !== '' ||
    required.has(key) ||
    value[key] !== undefined ||
    ctx.problems.some((p) => p.field === key) ||
    (PRIMARY_WIDGETS.has(widgetFor(key, property, ctx.rawFields)) && !/guard/i.test(key));
  const primary = entries.filter(isPrimary);
  const more = entries.filter((entry) => !isPrimary(entry));
  return (
    <>
      {primary.map(field)}
      {more.length > 0 && (
        <details className="more-options">
          <summary>{t('inspector.moreOptions', { count: more.length })}</summary>
          <div className="more-options-body">{more.map(field)}</div>
        </details>
      )}
    </>
  );
}

/** The context of this object's fields: a model choice of its own, or none (never the parent's). */
function withModelChoice(ctx: FormContext, schema: JsonSchema, value: Record<string, unknown>, path: string) {
  if (!isModelChoice(schema)) {
    if (!ctx.modelChoice) return ctx;
    const { modelChoice: _parent, ...rest } = ctx;
    return rest;
  }
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const modelChoice = { kind: modelKindAt(path), provider: text(value.provider), credential: text(value.credential) };
  return { ...ctx, modelChoice };
}

const PRIMARY_WIDGETS = new Set([
  'prompt',
  'code',
  'knowledge',
  'model',
  'provider',
  'credential',
  'list',
  'keyvalue',
  'any',
  'text',
]);
