// Staff accounts for admins: filter by unit, role, text and status; open one to edit it; make a new one.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { roleLabel } from '../shell/Header';
import { href } from '../shell/router';
import { Field, Loading, Notice } from '../shell/ui';
import { useUnitNames } from '../shell/units';
import { PAGE_SIZE, ROLES, usersApi, type UserFilter, type UserPage } from './api';
import { StatusBadge } from './StatusBadge';

export function UsersPage() {
  const { units, title } = useUnitNames();
  const [draft, setDraft] = useState<UserFilter>({ status: 'active' });
  const [filter, setFilter] = useState<UserFilter>({ status: 'active' });
  const [page, setPage] = useState<UserPage | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setPage(null);
    setError(null);
    setErrors({});
    usersApi.list(filter).then(setPage, (e: unknown) => {
      if (e instanceof ApiError && e.status === 422) setErrors(e.errors);
      setError((e as Error).message);
      setPage({ items: [], total: 0 });
    });
  }, [JSON.stringify(filter)]);

  const set = (name: keyof UserFilter) => (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value });
  const offset = filter.offset ?? 0;

  return (
    <div>
      <div class="page-head">
        <div>
          <div class="eyebrow">{t('users.eyebrow')}</div>
          <h1>{t('users.title')}</h1>
        </div>
        <a class="button button--primary" href={href({ name: 'userNew' })} data-testid="new-user">{t('users.new')}</a>
      </div>
      <form class="panel filters" aria-label={t('users.filters')} onSubmit={(e) => { e.preventDefault(); setFilter({ ...draft, offset: 0 }); }}>
        <div class="grid-3">
          <Field id="u-q" label={t('users.search')} error={errors.q}>
            <input id="u-q" type="search" value={draft.q ?? ''} onInput={set('q')} placeholder={t('users.searchHint')} />
          </Field>
          <Field id="u-unit" label={t('users.unit')} error={errors.unit}>
            <select id="u-unit" value={draft.unit ?? ''} onChange={set('unit')}>
              <option value="">{t('users.any')}</option>
              {units.filter((u) => u.kind !== 'district').map((u) => <option key={u.code} value={u.code}>{title(u.code)} ({u.code})</option>)}
            </select>
          </Field>
          <Field id="u-role" label={t('users.role')} error={errors.role}>
            <select id="u-role" value={draft.role ?? ''} onChange={set('role')}>
              <option value="">{t('users.any')}</option>
              {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
            </select>
          </Field>
          <Field id="u-status" label={t('users.status')} error={errors.status}>
            <select id="u-status" value={draft.status ?? ''} onChange={set('status')}>
              <option value="active">{t('users.statusActive')}</option>
              <option value="deactivated">{t('users.statusDeactivated')}</option>
              <option value="all">{t('users.statusAll')}</option>
            </select>
          </Field>
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">{t('users.apply')}</button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {page === null ? <Loading /> : page.items.length === 0 ? <p class="empty">{t('users.none')}</p> : (
        <section class="panel panel--flush">
          <table class="table" data-testid="user-table">
            <caption class="sr-only">{t('users.count', { total: page.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.userName')}</th><th scope="col">{t('users.displayName')}</th><th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.units')}</th><th scope="col">{t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((u) => (
                <tr key={u.userName} data-user={u.userName}>
                  <td><a class="mono" href={href({ name: 'user', userName: u.userName })}>{u.userName}</a></td>
                  <td>{u.displayName}</td>
                  <td>{u.roles.map(roleLabel).join(', ')}</td>
                  <td>{u.units.map((x) => title(x.code, x.name ?? undefined)).join(', ') || '—'}</td>
                  <td><StatusBadge user={u} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {page && page.total > PAGE_SIZE && (
        <nav class="actions" aria-label={t('users.pages')}>
          <button type="button" class="button button--ghost" disabled={offset === 0}
            onClick={() => setFilter({ ...filter, offset: Math.max(0, offset - PAGE_SIZE) })}>{t('users.previous')}</button>
          <span class="muted">{t('users.range', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, page.total), total: page.total })}</span>
          <button type="button" class="button button--ghost" disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setFilter({ ...filter, offset: offset + PAGE_SIZE })}>{t('users.next')}</button>
        </nav>
      )}
    </div>
  );
}
