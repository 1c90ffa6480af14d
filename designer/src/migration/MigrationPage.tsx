// Moving running instances of a procedure to another of its versions: choose the versions, edit the element map
// (same ids map by default), run the dry run, read its table, execute, follow the progress.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { DefinitionSummary, Migration, MigrationPlan, MigrationRequest, MigrationSummary } from '../api/types';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { href, navigate } from '../shell/router';
import { Field, Loading, Notice } from '../shell/ui';
import { defaultMap, explicitMap, flowElements, type FlowElementInfo } from './elements';
import { problemText } from '../shell/problem';

export function MigrationPage({ id }: { id?: string }) {
  if (id) return <MigrationProgress id={id} />;
  return <MigrationForm />;
}

function MigrationForm() {
  const [definitions, setDefinitions] = useState<DefinitionSummary[]>([]);
  const [key, setKey] = useState('');
  const [versions, setVersions] = useState<DefinitionSummary[]>([]);
  const [from, setFrom] = useState<number | ''>('');
  const [to, setTo] = useState<number | ''>('');
  const [fromElements, setFromElements] = useState<FlowElementInfo[]>([]);
  const [toElements, setToElements] = useState<FlowElementInfo[]>([]);
  const [map, setMap] = useState<Record<string, string>>({});
  const [plan, setPlan] = useState<MigrationPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  useEffect(() => { api.definitions().then(setDefinitions, (e: unknown) => setError(problemText(e))); }, []);

  useEffect(() => {
    setVersions([]);
    setFrom('');
    setTo('');
    if (!key) return;
    api.definitionVersions(key).then((list) => {
      const sorted = [...list].sort((a, b) => a.version - b.version);
      setVersions(sorted);
      const published = sorted.find((v) => v.status === 'published');
      const older = sorted.filter((v) => v.version < (published?.version ?? 0));
      setTo(published?.version ?? '');
      setFrom(older.length ? older[older.length - 1]!.version : '');
    }, (e: unknown) => setError(problemText(e)));
  }, [key]);

  useEffect(() => {
    setPlan(null);
    setFromElements([]);
    setToElements([]);
    if (!key || from === '' || to === '') return;
    Promise.all([api.definitionXml(key, from), api.definitionXml(key, to)]).then(([a, b]) => {
      const oldOnes = flowElements(a);
      const newOnes = flowElements(b);
      setFromElements(oldOnes);
      setToElements(newOnes);
      setMap(defaultMap(oldOnes, newOnes));
    }, (e: unknown) => setError(problemText(e)));
  }, [key, from, to]);

  const request = (): MigrationRequest => ({ definitionKey: key, fromVersion: Number(from), toVersion: Number(to), elementMap: explicitMap(map) });

  const fail = (e: unknown) => {
    setError(problemText(e));
    setErrors(e instanceof ApiError ? e.errors : {});
  };

  const dryRun = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      setPlan(await api.planMigration(request()));
    } catch (ex) {
      fail(ex);
    } finally {
      setBusy(false);
    }
  };

  const execute = async () => {
    if (!plan || !window.confirm(t('migration.confirm', { count: plan.movable, from: plan.fromVersion, to: plan.toVersion }))) return;
    setBusy(true);
    try {
      const started = await api.startMigration(request());
      navigate({ name: 'migrations', id: started.id });
    } catch (ex) {
      fail(ex);
    } finally {
      setBusy(false);
    }
  };

  const keys = useMemo(() => [...new Set(definitions.map((d) => d.key))].sort(), [definitions]);
  const versionLabel = (v: DefinitionSummary) => `v${v.version} · ${t(`definitionStatus.${v.status}` as 'definitionStatus.draft')}${v.publishedAt ? ` · ${dateTime(v.publishedAt)}` : ''}`;

  return (
    <div>
      <div class="page-head">
        <div>
          <div class="eyebrow">{t('migration.eyebrow')}</div>
          <h1>{t('migration.title')}</h1>
          <p class="muted">{t('migration.intro')}</p>
        </div>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <form class="panel" onSubmit={dryRun} aria-label={t('migration.title')}>
        <div class="grid-3">
          <Field id="m-key" label={t('instances.procedure')} error={errors.definitionKey}>
            <select id="m-key" value={key} onChange={(e) => setKey(e.currentTarget.value)} required>
              <option value="">{t('migration.pickProcedure')}</option>
              {keys.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </Field>
          <Field id="m-from" label={t('migration.fromVersion')} error={errors.fromVersion}>
            <select id="m-from" value={String(from)} onChange={(e) => setFrom(e.currentTarget.value ? Number(e.currentTarget.value) : '')} required>
              <option value="">—</option>
              {versions.map((v) => <option key={v.version} value={v.version}>{versionLabel(v)}</option>)}
            </select>
          </Field>
          <Field id="m-to" label={t('migration.toVersion')} error={errors.toVersion}>
            <select id="m-to" value={String(to)} onChange={(e) => setTo(e.currentTarget.value ? Number(e.currentTarget.value) : '')} required>
              <option value="">—</option>
              {versions.map((v) => <option key={v.version} value={v.version}>{versionLabel(v)}</option>)}
            </select>
          </Field>
        </div>
        {fromElements.length > 0 && (
          <fieldset class="element-map">
            <legend>{t('migration.map')}</legend>
            <p class="hint">{t('migration.mapHint')}</p>
            <table class="table" data-testid="element-map">
              <thead><tr><th scope="col">{t('migration.oldElement', { version: Number(from) })}</th><th scope="col">{t('migration.newElement', { version: Number(to) })}</th></tr></thead>
              <tbody>
                {fromElements.map((el) => {
                  const fieldErrors = errors[`elementMap.${el.id}`];
                  return (
                    <tr key={el.id} class={fieldErrors ? 'row--invalid' : ''}>
                      <th scope="row"><label for={`map-${el.id}`}><code>{el.id}</code> <span class="muted small">{el.name || el.kind}</span></label></th>
                      <td>
                        <select id={`map-${el.id}`} data-from={el.id} value={map[el.id] ?? ''} onChange={(e) => setMap({ ...map, [el.id]: e.currentTarget.value })}>
                          <option value="">{t('migration.unmapped')}</option>
                          {toElements.map((n) => <option key={n.id} value={n.id}>{n.id}{n.name ? ` — ${n.name}` : ''}</option>)}
                        </select>
                        {fieldErrors && <div class="field-error" role="alert">{fieldErrors.join(' ')}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </fieldset>
        )}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy || !key || from === '' || to === ''}>{t('migration.dryRun')}</button>
        </div>
      </form>
      {plan && <PlanTable plan={plan} onExecute={execute} busy={busy} />}
      <RecentMigrations definitionKey={key} />
    </div>
  );
}

/** Earlier migrations (of the chosen procedure, else all the caller owns), to come back to their progress. */
function RecentMigrations({ definitionKey }: { definitionKey: string }) {
  const [rows, setRows] = useState<MigrationSummary[]>([]);
  useEffect(() => { api.migrations(definitionKey || undefined).then(setRows, () => setRows([])); }, [definitionKey]);
  if (rows.length === 0) return null;
  return (
    <section class="panel panel--flush" data-testid="recent-migrations">
      <h2 class="panel-title">{t('migration.recent')}</h2>
      <table class="table">
        <thead><tr><th scope="col">{t('instances.procedure')}</th><th scope="col">{t('migration.versions')}</th><th scope="col">{t('migration.outcome')}</th><th scope="col">{t('migration.startedBy')}</th></tr></thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td><a class="mono" href={href({ name: 'migrations', id: m.id })}>{m.definitionKey}</a></td>
              <td>v{m.fromVersion} → v{m.toVersion} · {m.total}</td>
              <td>{m.status === 'completed' ? t('migration.completed', { at: dateTime(m.completedAt) }) : t('migration.running')}</td>
              <td>{t('migration.by', { user: m.createdBy, at: dateTime(m.createdAt) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlanTable({ plan, onExecute, busy }: { plan: MigrationPlan; onExecute: () => void; busy: boolean }) {
  return (
    <section class="panel panel--flush" data-testid="dry-run">
      <div class="panel-title split">
        <h2>{t('migration.planTitle', { movable: plan.movable, refused: plan.refused })}</h2>
        <button type="button" class="button button--warning" onClick={onExecute} disabled={busy || plan.movable === 0}>{t('migration.execute', { count: plan.movable })}</button>
      </div>
      {plan.instances.length === 0 ? <p class="empty">{t('migration.noInstances')}</p> : (
        <table class="table" data-testid="plan-table">
          <thead>
            <tr><th scope="col">{t('instances.businessKey')}</th><th scope="col">{t('migration.outcome')}</th><th scope="col">{t('migration.tokens')}</th><th scope="col">{t('migration.tasks')}</th></tr>
          </thead>
          <tbody>
            {plan.instances.map((p) => (
              <tr key={p.instanceId} class={p.canMigrate ? '' : 'row--refused'} data-can-migrate={String(p.canMigrate)}>
                <td><a class="mono" href={href({ name: 'instance', id: p.instanceId })}>{p.businessKey ?? p.instanceId.slice(0, 8)}</a></td>
                <td>{p.canMigrate ? <span class="badge badge--ok">{t('migration.canMove')}</span> : (
                  <><span class="badge badge--bad">{t('migration.cannotMove')}</span><div class="small">{p.problems.join(' ')}</div></>
                )}</td>
                <td>{p.tokens.map((m, n) => <div key={n}><code>{m.fromElementId}</code> → <code>{m.toElementId}</code>{m.count > 1 ? ` ×${m.count}` : ''}</div>)}</td>
                <td>{p.tasks.map((task) => (
                  <div key={task.taskId} class="small">
                    {task.name ?? task.fromElementId}: <code>{task.fromElementId}</code> → <code>{task.toElementId}</code>
                    <span class="muted"> · {task.assignee ?? t('inbox.unassigned')}{task.dueAt ? ` · ${t('inbox.due')}: ${dateTime(task.dueAt)}` : ''}</span>
                  </div>
                ))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MigrationProgress({ id }: { id: string }) {
  const [migration, setMigration] = useState<Migration | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    const poll = () => api.migration(id).then((m) => {
      if (stopped) return;
      setMigration(m);
      if (m.status === 'running') timer = window.setTimeout(poll, 1000);
    }, (e: unknown) => setError(problemText(e)));
    void poll();
    return () => { stopped = true; window.clearTimeout(timer); };
  }, [id]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!migration) return <Loading />;
  const m = migration;
  const done = m.total - m.pending;
  return (
    <div>
      <div class="page-head">
        <div>
          <div class="eyebrow">{t('migration.eyebrow')}</div>
          <h1><span class="mono">{m.definitionKey}</span> v{m.fromVersion} → v{m.toVersion}</h1>
          <p class="muted small">{t('migration.by', { user: m.createdBy, at: dateTime(m.createdAt) })}</p>
        </div>
        <div class="actions"><a class="button" href={href({ name: 'migrations' })}>{t('migration.new')}</a></div>
      </div>
      <section class="panel" data-testid="progress" data-status={m.status}>
        <h2>{m.status === 'completed' ? t('migration.completed', { at: dateTime(m.completedAt) }) : t('migration.running')}</h2>
        <progress max={m.total || 1} value={done} aria-label={t('migration.progress')}>{done}/{m.total}</progress>
        <p>{t('migration.counts', { migrated: m.migrated, refused: m.refused, failed: m.failed, pending: m.pending, total: m.total })}</p>
      </section>
      <section class="panel panel--flush">
        <table class="table" data-testid="outcomes">
          <thead><tr><th scope="col">{t('instances.businessKey')}</th><th scope="col">{t('migration.outcome')}</th><th scope="col">{t('migration.reason')}</th><th scope="col">{t('migration.doneAt')}</th></tr></thead>
          <tbody>
            {m.instances.map((i) => (
              <tr key={i.instanceId}>
                <td><a class="mono" href={href({ name: 'instance', id: i.instanceId })}>{i.businessKey ?? i.instanceId.slice(0, 8)}</a></td>
                <td><span class={`badge outcome--${i.outcome}`}>{t(`migrationOutcome.${i.outcome}` as 'migrationOutcome.pending')}</span></td>
                <td class="small">{i.reason ?? ''}</td>
                <td>{i.doneAt ? dateTime(i.doneAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
