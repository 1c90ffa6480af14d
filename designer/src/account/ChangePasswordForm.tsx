// Choosing one's own password: the current one, the new one twice. The server's policy errors show next to the fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { Field, describedBy } from '../shell/ui';
import { usersApi } from '../users/api';

export function ChangePasswordForm({ onDone, onCancel, cancelLabel }: { onDone: () => void; onCancel?: () => void; cancelLabel?: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (next !== repeat) {
      setErrors({ repeat: [t('password.mismatch')] });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await usersApi.changeOwnPassword(current, next);
      onDone();
    } catch (err) {
      setErrors(err instanceof ApiError && err.status === 422 ? err.errors : { '': [(err as Error).message] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-stack" noValidate onSubmit={submit} data-testid="change-password">
      <Field id="pw-current" label={t('password.current')} required error={errors.currentPassword}>
        <input id="pw-current" type="password" autoComplete="current-password" ref={first} value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)} {...describedBy('pw-current', errors.currentPassword)} />
      </Field>
      <Field id="pw-new" label={t('password.new')} required error={errors.newPassword} hint={t('password.policy')}>
        <input id="pw-new" type="password" autoComplete="new-password" value={next}
          onInput={(e) => setNext(e.currentTarget.value)} {...describedBy('pw-new', errors.newPassword, true)} />
      </Field>
      <Field id="pw-repeat" label={t('password.repeat')} required error={errors.repeat}>
        <input id="pw-repeat" type="password" autoComplete="new-password" value={repeat}
          onInput={(e) => setRepeat(e.currentTarget.value)} {...describedBy('pw-repeat', errors.repeat)} />
      </Field>
      {errors['']?.length ? <div class="field-error" role="alert">{errors[''].join(' ')}</div> : null}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy || !current || !next || !repeat}>{t('password.submit')}</button>
        {onCancel && <button type="button" class="button button--ghost" onClick={onCancel}>{cancelLabel ?? t('users.cancel')}</button>}
      </div>
    </form>
  );
}
