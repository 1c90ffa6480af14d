// One account: make it (new) or edit it, reset its password, deactivate or reactivate it, and read its history.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { Dialog } from '../designer/Dialog';
import { dateTime } from '../shell/format';
import { href } from '../shell/router';
import { Loading, Notice } from '../shell/ui';
import { AccountForm } from './AccountForm';
import { usersApi, type AccountInput, type AuditEntry, type UserSummary } from './api';
import { StatusBadge } from './StatusBadge';
import { TemporaryPassword } from './TemporaryPassword';

const EMPTY: AccountInput = { displayName: '', email: '', roles: [], units: [] };

function inputOf(user: UserSummary): AccountInput {
  return { displayName: user.displayName ?? '', email: user.email ?? '', roles: user.roles, units: user.units.map((u) => u.code) };
}

export function NewUser() {
  const [userName, setUserName] = useState('');
  const [value, setValue] = useState<AccountInput>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ userName: string; password: string } | null>(null);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const answer = await usersApi.create({ ...value, userName: userName.trim() });
      setCreated({ userName: answer.user.userName, password: answer.temporaryPassword ?? '' });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setErrors(e.errors);
      setError(e instanceof ApiError && e.status === 422 && Object.keys(e.errors).length > 0 ? t('users.invalid') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div class="page-head">
        <div>
          <div class="eyebrow"><a href={href({ name: 'users' })}>{t('users.title')}</a></div>
          <h1>{t('users.new')}</h1>
        </div>
      </div>
      {created ? (
        <>
          <TemporaryPassword userName={created.userName} password={created.password} />
          <div class="actions">
            <a class="button button--primary" href={href({ name: 'user', userName: created.userName })}>{t('users.open', { user: created.userName })}</a>
            <a class="button button--ghost" href={href({ name: 'users' })}>{t('users.backToList')}</a>
          </div>
        </>
      ) : (
        <>
          {error && <Notice kind="error">{error}</Notice>}
          <p class="muted">{t('users.newIntro')}</p>
          <AccountForm value={value} onChange={setValue} errors={errors} userName={userName} onUserName={setUserName} busy={busy}
            submitLabel={t('users.create')} onSubmit={submit} />
        </>
      )}
    </div>
  );
}

export function UserEditor({ userName }: { userName: string }) {
  const [user, setUser] = useState<UserSummary | null>(null);
  const [value, setValue] = useState<AccountInput>(EMPTY);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'deactivate' | 'reset' | null>(null);

  const load = () => {
    usersApi.get(userName).then((u) => { setUser(u); setValue(inputOf(u)); }, (e: unknown) => setError((e as Error).message));
    usersApi.audit(userName).then(setAudit, () => setAudit([]));
  };
  useEffect(load, [userName]);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setErrors({});
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setErrors(e.errors);
      setError(e instanceof ApiError && e.status === 422 && Object.keys(e.errors).length > 0 ? t('users.invalid') : (e as Error).message);
    } finally {
      setBusy(false);
      setConfirm(null);
      load();
    }
  };

  const save = () => run(async () => { await usersApi.update(userName, value); return t('users.saved'); });
  const reset = () => run(async () => {
    const answer = await usersApi.resetPassword(userName);
    setTemporary(answer.temporaryPassword);
    return null;
  });
  const deactivate = () => run(async () => {
    const answer = await usersApi.deactivate(userName);
    return t('users.deactivated', { count: answer.releasedTasks });
  });
  const reactivate = () => run(async () => { await usersApi.reactivate(userName); return t('users.reactivated'); });

  if (!user) return error ? <Notice kind="error">{error}</Notice> : <Loading />;
  return (
    <div>
      <div class="page-head">
        <div>
          <div class="eyebrow"><a href={href({ name: 'users' })}>{t('users.title')}</a></div>
          <h1><span class="mono">{user.userName}</span> <StatusBadge user={user} /></h1>
        </div>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      {temporary && <TemporaryPassword userName={user.userName} password={temporary} />}
      <AccountForm value={value} onChange={setValue} errors={errors} busy={busy} submitLabel={t('users.save')} onSubmit={save}>
        <button type="button" class="button" disabled={busy} onClick={() => setConfirm('reset')}>{t('users.resetPassword')}</button>
        {user.active
          ? <button type="button" class="button button--danger" disabled={busy} onClick={() => setConfirm('deactivate')}>{t('users.deactivate')}</button>
          : <button type="button" class="button button--warning" disabled={busy} onClick={reactivate}>{t('users.reactivate')}</button>}
      </AccountForm>
      <section class="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">{t('users.audit')}</h2>
        {audit.length === 0 ? <p class="empty">{t('users.noAudit')}</p> : (
          <table class="table" data-testid="audit-table">
            <thead><tr><th scope="col">{t('users.auditAt')}</th><th scope="col">{t('users.auditAction')}</th><th scope="col">{t('users.auditActor')}</th><th scope="col">{t('users.auditDetails')}</th></tr></thead>
            <tbody>
              {audit.map((a, i) => (
                <tr key={i}><td>{dateTime(a.at)}</td><td>{actionLabel(a.action)}</td><td class="mono">{a.actor}</td><td>{a.details}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {confirm && (
        <Dialog title={confirm === 'deactivate' ? t('users.deactivateTitle', { user: user.userName }) : t('users.resetTitle', { user: user.userName })}
          onClose={() => setConfirm(null)}>
          <p>{confirm === 'deactivate' ? t('users.deactivateExplain') : t('users.resetExplain')}</p>
          <div class="actions">
            <button type="button" class={`button ${confirm === 'deactivate' ? 'button--danger' : 'button--primary'}`} disabled={busy}
              onClick={confirm === 'deactivate' ? deactivate : reset}>
              {confirm === 'deactivate' ? t('users.deactivate') : t('users.resetPassword')}
            </button>
            <button type="button" class="button button--ghost" onClick={() => setConfirm(null)}>{t('users.cancel')}</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

function actionLabel(action: string): string {
  switch (action) {
    case 'created': return t('users.action.created');
    case 'updated': return t('users.action.updated');
    case 'password-reset': return t('users.action.passwordReset');
    case 'password-set': return t('users.action.passwordSet');
    case 'password-changed': return t('users.action.passwordChanged');
    case 'deactivated': return t('users.action.deactivated');
    case 'reactivated': return t('users.action.reactivated');
    default: return action;
  }
}
