import { z } from 'zod';
import { type MessageKey, type Translate, useT } from '../../i18n/i18n.js';

/** An input node field as the form needs it; read leniently, the validator reports bad fields. */
const FieldSchema = z.object({
  name: z.string(),
  type: z.string().default('string'),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
});
export type InputField = z.output<typeof FieldSchema>;

export function inputFieldsOf(config: Record<string, unknown> | undefined): InputField[] {
  const parsed = z.array(FieldSchema).safeParse(config?.fields ?? []);
  return parsed.success ? parsed.data : [];
}

/** The typed value of what was typed: numbers, booleans and JSON where the field asks for them. */
export function coerceInput(field: InputField, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw === '') return undefined;
  if (field.type === 'number') return Number(raw);
  if (field.type === 'object' || field.type === 'array') {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

const TYPE_LABELS: Record<string, MessageKey> = {
  string: 'fieldType.string',
  number: 'fieldType.number',
  boolean: 'fieldType.boolean',
  object: 'fieldType.object',
  array: 'fieldType.array',
};

function typeLabel(t: Translate, type: string): string {
  const key = TYPE_LABELS[type];
  return key ? t(key) : type;
}

interface InputsFormProps {
  fields: InputField[];
  values: Record<string, unknown>;
  onChange(values: Record<string, unknown>): void;
}

export function InputsForm({ fields, values, onChange }: InputsFormProps) {
  const t = useT();
  if (fields.length === 0) return <p className="muted small">{t('run.noInputs')}</p>;
  return (
    <div className="inputs-form">
      {fields.map((field) => {
        const id = `run-input-${field.name}`;
        const value = values[field.name] ?? (field.default === undefined ? '' : field.default);
        const set = (next: unknown) => onChange({ ...values, [field.name]: next });
        return (
          <div className="field" key={field.name}>
            <label className="field-label" htmlFor={id}>
              {field.name}
              {field.required && <span className="field-required">*</span>}
              <span className="muted small"> {typeLabel(t, field.type)}</span>
            </label>
            {field.type === 'boolean' ? (
              <input id={id} type="checkbox" checked={value === true} onChange={(event) => set(event.target.checked)} />
            ) : (
              <textarea
                id={id}
                className="input"
                rows={field.type === 'string' ? 2 : 3}
                data-testid={`run-input-${field.name}`}
                value={typeof value === 'string' ? value : JSON.stringify(value)}
                onChange={(event) => set(event.target.value)}
              />
            )}
            {field.description && <p className="field-hint">{field.description}</p>}
          </div>
        );
      })}
    </div>
  );
}
