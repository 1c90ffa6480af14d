// Public lookup for citizens: dossier code → procedure, status and appointment date. No sign-in, no personal data.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { PublicDossier } from '../api/types';
import { lang, t } from '../i18n';
import { dateTime } from '../shell/format';
import { navigate } from '../shell/router';
import { Field, Notice, StatusBadge, describedBy } from '../shell/ui';
import { problemText } from '../shell/problem';

export function Lookup({ code }: { code?: string }) {
  const [input, setInput] = useState(code ?? '');
  const [result, setResult] = useState<PublicDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setInput(code ?? '');
    if (!code) {
      setResult(null);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    api.publicDossier(code).then(
      (r) => { setResult(r); setBusy(false); },
      (e) => {
        setResult(null);
        setBusy(false);
        setError(e instanceof ApiError && e.status === 404 ? t('lookup.notFound', { code }) : problemText(e));
      },
    );
  }, [code]);

  // The catalogue's English name on an English page; the Vietnamese name when there is none (it is the official one).
  const vietnamese = result ? (typeof result.procedure === 'string' ? result.procedure : `${result.procedure.name} (${result.procedure.code})`) : '';
  const procedureName = result && lang() === 'en' && result.procedureEn ? result.procedureEn : vietnamese;
  const errs = error ? [error] : undefined;
  return (
    <section class="panel lookup" aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('lookup.title')}</h1>
      <p class="muted">{t('lookup.intro')}</p>
      <form
        class="lookup-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const c = input.trim();
          if (c) navigate({ name: 'lookup', code: c });
        }}
      >
        <Field id="lookup-code" label={t('lookup.code')} error={errs} hint={t('lookup.hint')}>
          <input id="lookup-code" name="code" ref={inputRef} value={input} autoComplete="off" spellcheck={false}
            onInput={(e) => setInput(e.currentTarget.value)} {...describedBy('lookup-code', errs, true)} />
        </Field>
        <button type="submit" class="button button--primary" disabled={busy}>{t('lookup.submit')}</button>
      </form>
      {result && (
        <div class="lookup-result" aria-live="polite" data-testid="lookup-result">
          <dl class="facts">
            <dt>{t('dossier.code')}</dt>
            <dd class="mono">{result.code}</dd>
            <dt>{t('dossier.procedure')}</dt>
            <dd data-testid="lookup-procedure" lang={procedureName === vietnamese ? 'vi' : 'en'}>{procedureName}</dd>
            <dt>{t('dossier.status')}</dt>
            <dd><StatusBadge code={result.status.code} name={result.status.name} /></dd>
            <dt>{t('dossier.appointmentAt')}</dt>
            <dd>{dateTime(result.appointmentAt)}</dd>
          </dl>
        </div>
      )}
      {!result && !error && !busy && <Notice kind="info">{t('lookup.privacy')}</Notice>}
    </section>
  );
}
