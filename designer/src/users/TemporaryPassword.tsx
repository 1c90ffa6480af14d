import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/** The temporary password, shown this once: the server keeps only its hash. */
export function TemporaryPassword({ userName, password }: { userName: string; password: string }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [password]);
  return (
    <section class="notice notice--warning" role="status" tabIndex={-1} ref={ref} data-testid="temporary-password">
      <p>{t('users.tempIntro', { user: userName })}</p>
      <p><code class="mono temp-password">{password}</code></p>
      <p class="muted">{t('users.tempOnce')}</p>
    </section>
  );
}
