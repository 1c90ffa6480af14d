import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';
import { t } from '../i18n';
import { Field, describedBy } from '../shell/ui';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(userName.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('signin.wrong') : t('signin.failed', {
        detail: err instanceof Error ? err.message : String(err),
      }));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const errs = error ? [error] : undefined;
  return (
    <section class="panel signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signin.title')}</h1>
      <p class="muted">{t('signin.intro')}</p>
      <form onSubmit={submit} noValidate class="form-stack">
        <Field id="signin-user" label={t('signin.userName')} required>
          <input id="signin-user" name="userName" ref={userRef} autoComplete="username" required value={userName}
            onInput={(e) => setUserName(e.currentTarget.value)} {...describedBy('signin-user', errs)} />
        </Field>
        <Field id="signin-password" label={t('signin.password')} required error={errs}>
          <input id="signin-password" name="password" type="password" ref={passwordRef} autoComplete="current-password" required
            value={password} onInput={(e) => setPassword(e.currentTarget.value)} {...describedBy('signin-password', errs)} />
        </Field>
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy || !userName || !password}>
            {busy ? t('signin.busy') : t('signin.submit')}
          </button>
        </div>
      </form>
      <hr />
      <p>
        {t('signin.citizen')} <a href="#/lookup">{t('nav.lookup')}</a>
      </p>
    </section>
  );
}
