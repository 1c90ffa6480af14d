// Inputs generated from a task's declared form fields (camunda:formField): string, long, boolean, date, enum.
import type { FormField } from '../api/types';
import { Field, describedBy } from '../shell/ui';
import { t } from '../i18n';

export type Values = Record<string, unknown>;

export function initialValues(fields: FormField[]): Values {
  const v: Values = {};
  for (const f of fields) {
    if (f.defaultValue !== undefined && f.defaultValue !== null && f.defaultValue !== '') v[f.id] = typed(f, f.defaultValue);
    else if (f.type === 'boolean') v[f.id] = false;
  }
  return v;
}

/** Declared defaults arrive as text ("false", "5"): give them the field's type. */
function typed(f: FormField, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (f.type === 'boolean') return value.toLowerCase() === 'true';
  if (f.type === 'long') return Number.isInteger(Number(value)) ? Number(value) : undefined;
  return value;
}

/** Client-side: required fields filled, longs are integers. The server validates again (422 per field). */
export function checkValues(fields: FormField[], values: Values): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const f of fields) {
    const v = values[f.id];
    if (f.required && f.type !== 'boolean' && (v === undefined || v === null || v === '')) errors[f.id] = [t('form.required')];
    if (f.type === 'long' && v !== undefined && v !== '' && !Number.isInteger(v)) errors[f.id] = [t('form.integer')];
  }
  return errors;
}

export function FieldsForm(props: { fields: FormField[]; values: Values; onChange: (v: Values) => void; errors: Record<string, string[]>; disabled: boolean }) {
  const { fields, values, onChange, errors, disabled } = props;
  const set = (id: string, value: unknown) => onChange({ ...values, [id]: value });
  if (fields.length === 0) return <p class="muted">{t('form.noFields')}</p>;
  return (
    <div class="form-stack" data-testid="task-fields">
      {fields.map((f) => {
        const id = `field-${f.id}`;
        const err = errors[f.id]?.length ? errors[f.id] : undefined;
        const aria = describedBy(id, err);
        const label = f.label || f.id;
        if (f.type === 'boolean') {
          return (
            <div key={f.id} class={`field field--check${err ? ' field--invalid' : ''}`}>
              <label class="check">
                <input id={id} type="checkbox" name={f.id} data-field={f.id} disabled={disabled || f.readOnly} checked={values[f.id] === true}
                  onChange={(e) => set(f.id, e.currentTarget.checked)} {...aria} />
                {label}
              </label>
              {err && <div class="field-error" id={`${id}-error`} role="alert">{err.join(' ')}</div>}
            </div>
          );
        }
        return (
          <Field key={f.id} id={id} label={label} required={f.required} error={err}>
            {f.type === 'enum' ? (
              <select id={id} name={f.id} data-field={f.id} disabled={disabled || f.readOnly} value={String(values[f.id] ?? '')} onChange={(e) => set(f.id, e.currentTarget.value || undefined)} {...aria}>
                <option value="">{t('form.choose')}</option>
                {(f.values ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            ) : f.type === 'long' ? (
              <input id={id} name={f.id} data-field={f.id} type="number" step={1} disabled={disabled || f.readOnly} value={values[f.id] === undefined ? '' : String(values[f.id])}
                onInput={(e) => { const s = e.currentTarget.value; set(f.id, s === '' ? undefined : Number(s)); }} {...aria} />
            ) : f.type === 'date' ? (
              <input id={id} name={f.id} data-field={f.id} type="date" disabled={disabled || f.readOnly} value={String(values[f.id] ?? '')}
                onInput={(e) => set(f.id, e.currentTarget.value || undefined)} {...aria} />
            ) : label.length > 40 || /note|opinion|comment|ghichu|ykien/i.test(f.id) ? (
              <textarea id={id} name={f.id} data-field={f.id} rows={3} disabled={disabled || f.readOnly} value={String(values[f.id] ?? '')}
                onInput={(e) => set(f.id, e.currentTarget.value)} {...aria} />
            ) : (
              <input id={id} name={f.id} data-field={f.id} disabled={disabled || f.readOnly} value={String(values[f.id] ?? '')}
                onInput={(e) => set(f.id, e.currentTarget.value)} {...aria} />
            )}
          </Field>
        );
      })}
    </div>
  );
}
