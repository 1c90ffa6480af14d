// Staff inbox: my tasks / my unit's queue / due soon / overdue, with counts, search, due-date sort, deadline colours,
// claim and release. Business columns (dossier code, procedure, applicant) come with each task.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Task, TaskCounts, TaskView } from '../api/types';
import { t, type MessageKey } from '../i18n';
import { isTyping } from '../shell/App';
import { href, navigate } from '../shell/router';
import { useSession } from '../shell/session';
import { DueBadge, Notice } from '../shell/ui';
import { Person } from '../shell/names';
import { takeFlash } from './flash';
import { problemText } from '../shell/problem';
import { useProcedureNames } from '../shell/procedures';

const VIEWS: { view: TaskView; label: MessageKey }[] = [
  { view: 'mine', label: 'inbox.mine' },
  { view: 'queue', label: 'inbox.queue' },
  { view: 'dueSoon', label: 'inbox.dueSoon' },
  { view: 'overdue', label: 'inbox.overdue' },
];
const PAGE = 25;
const REFRESH_MS = 30_000;

function isView(v: string | undefined): v is TaskView {
  return VIEWS.some((x) => x.view === v);
}

export function Inbox({ view: routeView }: { view?: string }) {
  const { me } = useSession();
  const procedures = useProcedureNames();
  const view: TaskView = isView(routeView) ? routeView : 'mine';
  const [counts, setCounts] = useState<TaskCounts | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [more, setMore] = useState(false);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [descending, setDescending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [flash, setFlash] = useState<string | null>(() => takeFlash());
  const [busyId, setBusyId] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const search = useRef<HTMLInputElement>(null);

  // Debounce the search box.
  useEffect(() => {
    const h = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);

  const load = useCallback(async (append = false, offset = 0) => {
    setLoading(true);
    try {
      const [page, c] = await Promise.all([
        api.tasks({ view, q: query || undefined, sort: 'due', limit: PAGE + 1, offset }),
        api.taskCounts(),
      ]);
      setMore(page.length > PAGE);
      const shown = page.slice(0, PAGE);
      setTasks((old) => (append ? [...old, ...shown] : shown));
      setCounts(c);
      setError(null);
      setNow(Date.now());
    } catch (e) {
      setError(problemText(e));
    } finally {
      setLoading(false);
    }
  }, [view, query]);

  useEffect(() => { void load(); }, [load]);

  // Refresh while the tab is visible.
  useEffect(() => {
    const h = setInterval(() => { if (document.visibilityState === 'visible') void load(); }, REFRESH_MS);
    return () => clearInterval(h);
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') { e.preventDefault(); search.current?.focus(); search.current?.select(); }
      else if (e.key === 'r') { e.preventDefault(); void load(); }
      else if (/^[1-4]$/.test(e.key)) { e.preventDefault(); navigate({ name: 'inbox', view: VIEWS[Number(e.key) - 1]!.view }); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [load]);

  const claim = async (task: Task, release: boolean) => {
    setBusyId(task.id);
    try {
      if (release) await api.unclaim(task.id);
      else await api.claim(task.id);
      setFlash(release ? t('inbox.released', { name: task.name }) : t('inbox.claimed', { name: task.name }));
      await load();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusyId(null);
    }
  };

  const rows = descending ? [...tasks].reverse() : tasks;
  return (
    <div class="inbox">
      <div class="page-head">
        <h1>{t('inbox.title')}</h1>
        <form class="inbox-search" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
          <label for="inbox-search" class="sr-only">{t('inbox.search')}</label>
          <input id="inbox-search" ref={search} type="search" value={q} placeholder={t('inbox.searchPlaceholder')}
            onInput={(e) => setQ(e.currentTarget.value)} aria-keyshortcuts="/" />
          <kbd class="kbd-hint" aria-hidden="true">/</kbd>
        </form>
        <button type="button" class="button button--ghost" onClick={() => void load()} aria-keyshortcuts="r">{t('inbox.refresh')}</button>
      </div>
      <div class="tabs" role="tablist" aria-label={t('inbox.views')}>
        {VIEWS.map((v, i) => {
          const count = counts?.[v.view];
          return (
            <a key={v.view} role="tab" aria-selected={v.view === view} href={href({ name: 'inbox', view: v.view })}
              class={`tab tab--${v.view}${v.view === view ? ' tab--active' : ''}`} aria-keyshortcuts={String(i + 1)} data-view={v.view}>
              {t(v.label)}
              <span class={`count${(v.view === 'overdue' && count) ? ' count--alert' : ''}`} data-count={count ?? ''}>{count ?? '·'}</span>
            </a>
          );
        })}
      </div>
      {flash && <Notice kind="success">{flash}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <section class="panel panel--flush" role="tabpanel" aria-busy={loading}>
        <table class="table task-table" data-testid="task-table">
          <caption class="sr-only">{t(VIEWS.find((v) => v.view === view)!.label)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.dossier')}</th>
              <th scope="col">{t('inbox.task')}</th>
              <th scope="col">{t('inbox.applicant')}</th>
              <th scope="col">{t('inbox.procedure')}</th>
              <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
                <button type="button" class="sort" onClick={() => setDescending((d) => !d)}>
                  {t('inbox.due')} {descending ? '↓' : '↑'}
                </button>
              </th>
              <th scope="col">{t('inbox.assignee')}</th>
              <th scope="col"><span class="sr-only">{t('inbox.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((task) => {
              const mine = task.assignee === me.userName;
              return (
                <tr key={task.id} data-task={task.id} data-dossier={task.dossierCode ?? ''}>
                  <td class="mono nowrap">
                    {task.dossierCode ? <a href={href({ name: 'dossier', code: task.dossierCode })}>{task.dossierCode}</a> : task.businessKey ?? '—'}
                  </td>
                  <td><a href={href({ name: 'task', id: task.id })} class="task-link">{task.name}</a>{task.readOnly && <span class="badge badge--muted">{t('inbox.readOnly')}</span>}</td>
                  <td>{task.applicantName ?? '—'}</td>
                  <td class="clip" title={task.procedureName ? procedures.byName(task.procedureName) : ''}>{task.procedureName ? procedures.byName(task.procedureName) : task.definitionKey}</td>
                  <td class="nowrap"><DueBadge dueAt={task.dueAt} now={now} /></td>
                  <td>{task.assignee ? (mine ? <strong>{t('inbox.me')}</strong> : <Person user={task.assignee} display={task.assigneeDisplayName} />) : <span class="muted">{t('inbox.unassigned')}</span>}</td>
                  <td class="nowrap">
                    {!task.readOnly && !task.assignee && (
                      <button type="button" class="button button--small" disabled={busyId === task.id} onClick={() => void claim(task, false)}
                        aria-label={t('inbox.claimTask', { name: task.name, code: task.dossierCode ?? '' })}>{t('inbox.claim')}</button>
                    )}
                    {!task.readOnly && mine && (
                      <button type="button" class="button button--small button--ghost" disabled={busyId === task.id} onClick={() => void claim(task, true)}
                        aria-label={t('inbox.releaseTask', { name: task.name, code: task.dossierCode ?? '' })}>{t('inbox.release')}</button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {!loading && tasks.length === 0 && <p class="empty">{query ? t('inbox.noMatch', { q: query }) : t('inbox.empty')}</p>}
        {more && (
          <div class="actions center">
            <button type="button" class="button" onClick={() => void load(true, tasks.length)}>{t('inbox.more')}</button>
          </div>
        )}
      </section>
      <p class="muted small legend">
        <span class="due due--overdue">{t('due.overdue')}</span> <span class="due due--soon">{t('due.soonLegend')}</span> · {t('inbox.keys')}
      </p>
    </div>
  );
}
