import { useState } from 'preact/hooks';
import type { Me } from '../api/types';
import { lang, setLang, t } from '../i18n';
import { canOpen, canOpenDossiers } from './access';
import { useUnitNames } from './units';
import { NotificationBell } from './NotificationBell';

export function Header({ me, onSignOut, onHelp, onChangePassword }: { me: Me | null; onSignOut: () => void; onHelp: () => void; onChangePassword?: () => void }) {
  const unit = me?.units[0];
  const { title } = useUnitNames(me !== null);
  const unitLabel = unit ? title(unit.code, unit.name) : '';
  const [code, setCode] = useState('');
  const current = location.hash;
  const link = (target: string, label: string, shortcut?: string) => (
    <a href={target} class="nav-link" aria-current={current.startsWith(target) ? 'page' : undefined} title={shortcut}>
      {label}
    </a>
  );
  return (
    <header class="app-header">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skip')}
      </a>
      <div class="brand">
        <span class="emblem" aria-hidden="true">★</span>
        <div>
          <div class="brand-top">{unit ? t('app.committee', { unit: unitLabel }) : t('app.government')}</div>
          <div class="brand-name">{t('app.centre')}</div>
        </div>
      </div>
      <nav class="main-nav" aria-label={t('nav.label')}>
        {canOpen(me, 'desk') && link('#/desk', t('nav.desk'))}
        {canOpen(me, 'inbox') && link('#/inbox', t('nav.inbox'))}
        {canOpen(me, 'instances') && link('#/instances', t('nav.instances'))}
        {canOpen(me, 'migrations') && link('#/migrations', t('nav.migrations'))}
        {canOpen(me, 'routing') && link('#/routing', t('nav.routing'))}
        {canOpen(me, 'designer') && link('#/designer', t('nav.designer'))}
        {canOpen(me, 'dashboard') && link('#/dashboard', t('nav.dashboard'))}
        {canOpen(me, 'users') && link('#/users', t('nav.users'))}
        {link('#/lookup', t('nav.lookup'))}
      </nav>
      {canOpenDossiers(me) && (
        <form
          class="quick-open"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const c = code.trim();
            if (c) location.hash = `#/dossiers/${encodeURIComponent(c)}`;
          }}
        >
          <label class="sr-only" for="quick-open">{t('nav.openDossier')}</label>
          <input id="quick-open" type="search" placeholder={t('nav.openDossier')} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </form>
      )}
      <div class="header-tools">
        <div class="lang-switch" role="group" aria-label={t('lang.label')}>
          <button type="button" aria-pressed={lang() === 'vi'} onClick={() => setLang('vi')} lang="vi">VI</button>
          <button type="button" aria-pressed={lang() === 'en'} onClick={() => setLang('en')} lang="en">EN</button>
        </div>
        <button type="button" class="icon-button" onClick={onHelp} aria-label={t('help.open')} title={t('help.open')}>?</button>
        {me && <NotificationBell key={me.userName} />}
        {me && (
          <div class="user">
            <span class="user-name" data-user={me.userName}>{me.displayName || me.userName}</span>
            <span class="user-meta">{me.roles.map((r) => roleLabel(r)).join(', ')}{unit ? ` · ${unitLabel}` : ''}</span>
          </div>
        )}
        {me && onChangePassword && (
          <button type="button" class="button button--ghost" onClick={onChangePassword} data-testid="change-password-open">{t('nav.changePassword')}</button>
        )}
        {me && <button type="button" class="button button--ghost" onClick={onSignOut}>{t('nav.signOut')}</button>}
      </div>
    </header>
  );
}

export function roleLabel(role: string): string {
  switch (role) {
    case 'reception': return t('role.reception');
    case 'officer': return t('role.officer');
    case 'leader': return t('role.leader');
    case 'manager': return t('role.manager');
    case 'admin': return t('role.admin');
    case 'process-owner': return t('role.processOwner');
    default: return role;
  }
}
