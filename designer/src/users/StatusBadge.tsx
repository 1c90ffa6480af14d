import { t } from '../i18n';
import type { UserSummary } from './api';

/** Active, deactivated, or waiting for the person to choose their own password. */
export function StatusBadge({ user }: { user: UserSummary }) {
  if (!user.active) return <span class="badge badge--bad" data-status="deactivated">{t('users.statusDeactivated')}</span>;
  if (user.mustChangePassword) return <span class="badge" data-status="must-change">{t('users.statusMustChange')}</span>;
  return <span class="badge badge--ok" data-status="active">{t('users.statusActive')}</span>;
}
