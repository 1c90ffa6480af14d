// "Change my password" from the header, for everyone signed in.
import { t } from '../i18n';
import { Dialog } from '../designer/Dialog';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  return (
    <Dialog title={t('password.title')} onClose={onClose}>
      <ChangePasswordForm onDone={onChanged} onCancel={onClose} />
    </Dialog>
  );
}
