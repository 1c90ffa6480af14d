import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, onUnauthorized } from '../api/client';
import type { Me } from '../api/types';
import { lang, onLangChange, t } from '../i18n';
import { href, navigate, useRoute, type Route } from './router';
import { SessionContext, isReception, isStaff } from './session';
import { canOpen, guardedScreen } from './access';
import { Header } from './Header';
import { HelpOverlay } from './HelpOverlay';
import { Loading, Notice } from './ui';
import { SignIn } from '../signin/SignIn';
import { Desk } from '../desk/Desk';
import { Inbox } from '../inbox/Inbox';
import { TaskPage } from '../inbox/TaskPage';
import { DossierPage } from '../dossier/DossierPage';
import { PrintPage } from '../dossier/PrintPage';
import { Lookup } from '../lookup/Lookup';
import { InstanceList } from '../instance/InstanceList';
import { InstancePage } from '../instance/InstancePage';
import { MigrationPage } from '../migration/MigrationPage';
import { RoutingPage } from '../routing/RoutingPage';
import { LazyDesigner } from './LazyDesigner';
import { Dashboard } from '../dashboard/Dashboard';
import { UsersPage } from '../users/UsersPage';
import { NewUser, UserEditor } from '../users/UserEditor';
import { FirstPassword } from '../account/FirstPassword';
import { ChangePasswordDialog } from '../account/ChangePasswordDialog';

type Auth = { state: 'checking' } | { state: 'out' } | { state: 'in'; me: Me };

function homeFor(me: Me): Route {
  if (isReception(me) && !me.roles.includes('admin')) return { name: 'desk' };
  if (me.roles.includes('process-owner') && !isStaff(me)) return { name: 'designer' };
  if (isStaff(me)) return { name: 'inbox' };
  return { name: 'inbox' };
}

export function App() {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  const [, setLangTick] = useState(lang());
  const [help, setHelp] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);
  // The "password changed" notice stays until the person moves to another screen.
  useEffect(() => setPasswordChanged(false), [href(route)]);

  useEffect(() => onLangChange((l) => setLangTick(l)), []);

  useEffect(() => {
    api.me().then((me) => setAuth({ state: 'in', me }), () => setAuth({ state: 'out' }));
    return onUnauthorized(() => setAuth({ state: 'out' }));
  }, []);

  // '?' opens the keyboard help anywhere (but not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target)) {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Keep the page title in step with the screen.
  useEffect(() => {
    document.title = `${titleFor(route)} · ${t('app.centre')}`;
  });

  const signedIn = useCallback((me: Me, next?: string) => {
    setAuth({ state: 'in', me });
    if (next && next.startsWith('#/') && !next.startsWith('#/signin')) location.hash = next;
    else navigate(homeFor(me), true);
  }, []);

  const signOut = useCallback(() => {
    api.logout().catch(() => undefined).finally(() => {
      setAuth({ state: 'out' });
      navigate({ name: 'signin' }, true);
    });
  }, []);

  const helpOverlay = help ? <HelpOverlay onClose={() => setHelp(false)} /> : null;

  // Public pages: no sign-in needed.
  if (route.name === 'lookup') {
    return (
      <>
        <Header me={auth.state === 'in' ? auth.me : null} onSignOut={signOut} onHelp={() => setHelp(true)} />
        <main id="main" class="page"><Lookup code={route.code} /></main>
        {helpOverlay}
      </>
    );
  }

  if (auth.state === 'checking') return <main class="page"><Loading /></main>;

  if (auth.state === 'out' || route.name === 'signin') {
    if (auth.state === 'in' && route.name === 'signin') {
      navigate(homeFor(auth.me), true);
      return null;
    }
    const next = route.name === 'signin' ? route.next : location.hash && location.hash !== '#/' ? location.hash : undefined;
    return (
      <>
        <Header me={null} onSignOut={signOut} onHelp={() => setHelp(true)} />
        <main id="main" class="page page--narrow"><SignIn onSignedIn={(me) => signedIn(me, next)} /></main>
        {helpOverlay}
      </>
    );
  }

  const me = auth.me;
  // A temporary password from an admin: the server refuses everything else until the person chooses their own.
  if (me.mustChangePassword) {
    return (
      <>
        <Header me={me} onSignOut={signOut} onHelp={() => setHelp(true)} />
        <main id="main" class="page page--narrow">
          <FirstPassword userName={me.userName} onSignOut={signOut}
            onDone={() => api.me().then((fresh) => signedIn(fresh, location.hash), () => setAuth({ state: 'out' }))} />
        </main>
        {helpOverlay}
      </>
    );
  }
  if (route.name === 'home') {
    navigate(homeFor(me), true);
    return null;
  }

  const guarded = guardedScreen(route);
  if (guarded && !canOpen(me, guarded)) {
    return (
      <SessionContext.Provider value={{ me, signOut }}>
        <Header me={me} onSignOut={signOut} onHelp={() => setHelp(true)} />
        <main id="main" class="page">
          <section class="panel" data-testid="not-for-role">
            <h1>{t('access.notForRole')}</h1>
            <p>{t('access.notForRoleHint')}</p>
            <p><a href={href(homeFor(me))}>{t('access.toMyScreen')}</a></p>
          </section>
        </main>
        {helpOverlay}
      </SessionContext.Provider>
    );
  }

  return (
    <SessionContext.Provider value={{ me, signOut }}>
      {route.name !== 'print' && <Header me={me} onSignOut={signOut} onHelp={() => setHelp(true)} onChangePassword={() => setChangingPassword(true)} />}
      <main id="main" class={route.name === 'print' ? 'print-page' : 'page'}>
        {passwordChanged && (
          <div data-testid="password-changed" onClick={() => setPasswordChanged(false)}><Notice kind="success">{t('password.changed')}</Notice></div>
        )}
        {route.name === 'desk' && <Desk />}
        {route.name === 'dashboard' && <Dashboard />}
        {route.name === 'inbox' && <Inbox view={route.view} />}
        {route.name === 'task' && <TaskPage id={route.id} />}
        {route.name === 'dossier' && <DossierPage code={route.code} />}
        {route.name === 'print' && <PrintPage code={route.code} slip={route.slip} />}
        {route.name === 'instances' && <InstanceList tab={route.tab ?? 'instances'} filters={route.filters ?? {}} />}
        {route.name === 'instance' && <InstancePage id={route.id} />}
        {route.name === 'migrations' && <MigrationPage id={route.id} />}
        {route.name === 'routing' && <RoutingPage />}
        {route.name === 'users' && <UsersPage />}
        {route.name === 'userNew' && <NewUser />}
        {route.name === 'user' && <UserEditor key={route.userName} userName={route.userName} />}
        {route.name === 'designer' && <LazyDesigner route={route} />}
        {route.name === 'notFound' && (
          <section class="panel">
            <h1>{t('common.notFound')}</h1>
            <p><a href="#/">{t('common.backHome')}</a></p>
          </section>
        )}
      </main>
      {helpOverlay}
      {changingPassword && (
        <ChangePasswordDialog onClose={() => setChangingPassword(false)} onChanged={() => { setChangingPassword(false); setPasswordChanged(true); }} />
      )}

    </SessionContext.Provider>
  );
}

function titleFor(route: Route): string {
  switch (route.name) {
    case 'desk': return t('nav.desk');
    case 'dashboard': return t('dashboard.title');
    case 'inbox': return t('nav.inbox');
    case 'task': return t('task.title');
    case 'dossier': return `${t('dossier.title')} ${route.code}`;
    case 'print': return `${t('print.title')} ${route.code}`;
    case 'lookup': return t('nav.lookup');
    case 'instances': return route.tab === 'incidents' ? t('instances.incidentsTitle') : t('instances.title');
    case 'instance': return t('viewer.title');
    case 'migrations': return t('migration.title');
    case 'routing': return t('routing.title');
    case 'users': case 'userNew': return t('users.title');
    case 'user': return `${t('users.title')} · ${route.userName}`;
    case 'designer': return route.key ? `${t('nav.designer')} · ${route.key}` : t('nav.designer');
    case 'signin': return t('signin.title');
    default: return t('app.name');
  }
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
