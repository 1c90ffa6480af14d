// The fields of an account (new or existing), with the server's errors next to each field.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { roleLabel } from '../shell/Header';
import { Field, describedBy } from '../shell/ui';
import { useUnitNames } from '../shell/units';
import { ROLES, type AccountInput } from './api';

export function AccountForm({ value, onChange, errors, userName, onUserName, busy, submitLabel, onSubmit, children }: {
  value: AccountInput;
  onChange: (next: AccountInput) => void;
  errors: Record<string, string[]>;
  /** Only for a new account: the user name is fixed once made. */
  userName?: string;
  onUserName?: (name: string) => void;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children?: ComponentChildren;
}) {
  const { units, title } = useUnitNames();
  const toggleRole = (role: string, on: boolean) =>
    onChange({ ...value, roles: on ? [...value.roles, role] : value.roles.filter((r) => r !== role) });
  return (
    <form class="panel" noValidate data-testid="account-form" onSubmit={(e) => { e.preventDefault(); if (!busy) onSubmit(); }}>
      <div class="grid-3">
        {onUserName && (
          <Field id="acc-user" label={t('users.userName')} required error={errors.userName} hint={t('users.userNameHint')}>
            <input id="acc-user" name="userName" autoComplete="off" value={userName ?? ''} onInput={(e) => onUserName(e.currentTarget.value)}
              {...describedBy('acc-user', errors.userName, true)} />
          </Field>
        )}
        <Field id="acc-name" label={t('users.displayName')} required error={errors.displayName}>
          <input id="acc-name" name="displayName" value={value.displayName} onInput={(e) => onChange({ ...value, displayName: e.currentTarget.value })}
            {...describedBy('acc-name', errors.displayName)} />
        </Field>
        <Field id="acc-email" label={t('users.email')} error={errors.email}>
          <input id="acc-email" name="email" type="email" value={value.email} onInput={(e) => onChange({ ...value, email: e.currentTarget.value })}
            {...describedBy('acc-email', errors.email)} />
        </Field>
      </div>
      <div class="grid-3">
        <fieldset class={`field${errors.roles?.length ? ' field--invalid' : ''}`} aria-describedby={errors.roles?.length ? 'acc-roles-error' : undefined}>
          <legend>{t('users.roles')} <span class="req" aria-hidden="true">*</span></legend>
          {ROLES.map((role) => (
            <label key={role} class="field--check">
              <input type="checkbox" name="roles" value={role} checked={value.roles.includes(role)} onChange={(e) => toggleRole(role, e.currentTarget.checked)} />
              {' '}{roleLabel(role)}
            </label>
          ))}
          {errors.roles?.length ? <div class="field-error" id="acc-roles-error" role="alert">{errors.roles.join(' ')}</div> : null}
        </fieldset>
        <Field id="acc-units" label={t('users.units')} error={errors.units} hint={t('users.unitsHint')}>
          <select id="acc-units" name="units" multiple size={8} {...describedBy('acc-units', errors.units, true)}
            onChange={(e) => onChange({ ...value, units: Array.from(e.currentTarget.selectedOptions, (o) => o.value) })}>
            {units.filter((u) => u.kind !== 'district').map((u) => (
              <option key={u.code} value={u.code} selected={value.units.includes(u.code)}>{title(u.code)} ({u.code})</option>
            ))}
            {/* A unit the account holds that is no longer valid still shows, so the admin sees why it is refused. */}
            {value.units.filter((c) => !units.some((u) => u.code === c)).map((c) => <option key={c} value={c} selected>{c}</option>)}
          </select>
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>{submitLabel}</button>
        {children}
      </div>
    </form>
  );
}
