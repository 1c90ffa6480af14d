// After signing in with a temporary password from an admin, the only screen: choose your own (the server refuses
// everything else until then).
import { t } from '../i18n';
import { ChangePasswordForm } from './ChangePasswordForm';

export function FirstPassword({ userName, onDone, onSignOut }: { userName: string; onDone: () => void; onSignOut: () => void }) {
  return (
    <section class="panel signin" aria-labelledby="first-password-title" data-testid="first-password">
      <h1 id="first-password-title">{t('password.firstTitle')}</h1>
      <p class="muted">{t('password.firstIntro', { user: userName })}</p>
      <ChangePasswordForm onDone={onDone} onCancel={onSignOut} cancelLabel={t('password.signOut')} />
    </section>
  );
}
