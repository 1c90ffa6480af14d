// Process instances and incidents with filters (procedure, version, status, unit, business key). The filters live
// in the address (#/instances?definitionKey=…), so a filtered list can be bookmarked and shared.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { DefinitionSummary, IncidentView, InstanceFilters, InstanceStatus, InstanceSummary } from '../api/types';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { href, navigate } from '../shell/router';
import { Field, Loading, Notice } from '../shell/ui';
import { InstanceStatusBadge, INSTANCE_STATUSES, instanceStatusText } from './status';
import { problemText } from '../shell/problem';

type Tab = 'instances' | 'incidents';

export function InstanceList({ tab, filters }: { tab: Tab; filters: Record<string, string> }) {
  const [definitions, setDefinitions] = useState<DefinitionSummary[]>([]);
  const [draft, setDraft] = useState<Record<string, string>>(filters);
  const [rows, setRows] = useState<InstanceSummary[] | IncidentView[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const filterKey = JSON.stringify(filters);

  useEffect(() => { api.definitions().then(setDefinitions, () => setDefinitions([])); }, []);
  useEffect(() => setDraft(filters), [filterKey]);

  useEffect(() => {
    setRows(null);
    setError(null);
    setErrors({});
    const f: InstanceFilters = {
      definitionKey: filters.definitionKey, version: filters.version ? Number(filters.version) : undefined,
      status: (filters.status as InstanceStatus | undefined) ?? undefined, unit: filters.unit, businessKey: filters.businessKey, limit: 200,
    };
    const load = tab === 'incidents' ? api.incidents(f) : api.instances(f);
    (load as Promise<InstanceSummary[] | IncidentView[]>).then(setRows, (e: unknown) => {
      if (e instanceof ApiError && e.status === 422) setErrors(e.errors);
      setError(problemText(e));
      setRows([]);
    });
  }, [tab, filterKey]);

  const apply = (e: Event) => {
    e.preventDefault();
    navigate({ name: 'instances', tab, filters: draft });
  };
  const set = (name: string) => (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value });
  const keys = useMemo(() => [...new Set(definitions.map((d) => d.key))].sort(), [definitions]);

  return (
    <div>
      <div class="page-head">
        <div>
          <div class="eyebrow">{t('instances.eyebrow')}</div>
          <h1>{tab === 'incidents' ? t('instances.incidentsTitle') : t('instances.title')}</h1>
        </div>
      </div>
      <nav class="view-tabs" aria-label={t('instances.tabs')}>
        <a href={href({ name: 'instances', tab: 'instances', filters })} aria-current={tab === 'instances' ? 'page' : undefined}>{t('instances.tabInstances')}</a>
        <a href={href({ name: 'instances', tab: 'incidents', filters })} aria-current={tab === 'incidents' ? 'page' : undefined}>{t('instances.tabIncidents')}</a>
      </nav>
      <form class="panel filters" onSubmit={apply} aria-label={t('instances.filters')}>
        <div class="grid-3">
          <Field id="f-key" label={t('instances.procedure')} error={errors.definitionKey}>
            <select id="f-key" value={draft.definitionKey ?? ''} onChange={set('definitionKey')}>
              <option value="">{t('instances.any')}</option>
              {keys.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </Field>
          <Field id="f-version" label={t('instances.version')} error={errors.version}>
            <input id="f-version" type="number" min={1} value={draft.version ?? ''} onInput={set('version')} />
          </Field>
          {tab === 'instances' && (
            <Field id="f-status" label={t('instances.status')} error={errors.status}>
              <select id="f-status" value={draft.status ?? ''} onChange={set('status')}>
                <option value="">{t('instances.any')}</option>
                {INSTANCE_STATUSES.map((s) => <option key={s} value={s}>{instanceStatusText(s)}</option>)}
              </select>
            </Field>
          )}
          <Field id="f-unit" label={t('instances.unit')} error={errors.unit} hint={t('instances.unitHint')}>
            <input id="f-unit" value={draft.unit ?? ''} onInput={set('unit')} />
          </Field>
          <Field id="f-bk" label={t('instances.businessKey')} error={errors.businessKey}>
            <input id="f-bk" value={draft.businessKey ?? ''} onInput={set('businessKey')} />
          </Field>
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">{t('instances.apply')}</button>
          <a class="button button--ghost" href={href({ name: 'instances', tab })}>{t('instances.clear')}</a>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {rows === null ? <Loading /> : tab === 'incidents'
        ? <IncidentTable rows={rows as IncidentView[]} />
        : <InstanceTable rows={rows as InstanceSummary[]} />}
    </div>
  );
}

function InstanceTable({ rows }: { rows: InstanceSummary[] }) {
  if (rows.length === 0) return <p class="empty">{t('instances.none')}</p>;
  return (
    <section class="panel panel--flush">
      <table class="table" data-testid="instance-table">
        <thead>
          <tr>
            <th scope="col">{t('instances.businessKey')}</th><th scope="col">{t('instances.procedure')}</th><th scope="col">{t('instances.version')}</th>
            <th scope="col">{t('instances.status')}</th><th scope="col">{t('viewer.startedAt')}</th><th scope="col">{t('viewer.endedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td><a class="mono" href={href({ name: 'instance', id: r.id })}>{r.dossierCode ?? r.businessKey ?? r.id.slice(0, 8)}</a></td>
              <td class="mono">{r.definitionKey}</td>
              <td>v{r.version}</td>
              <td><InstanceStatusBadge status={r.status} /></td>
              <td>{dateTime(r.startedAt)}</td>
              <td>{r.endedAt ? dateTime(r.endedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function IncidentTable({ rows }: { rows: IncidentView[] }) {
  if (rows.length === 0) return <p class="empty">{t('instances.noIncidents')}</p>;
  return (
    <section class="panel panel--flush">
      <table class="table" data-testid="incident-table">
        <thead>
          <tr>
            <th scope="col">{t('instances.businessKey')}</th><th scope="col">{t('instances.procedure')}</th><th scope="col">{t('viewer.element')}</th>
            <th scope="col">{t('instances.message')}</th><th scope="col">{t('instances.raisedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td><a class="mono" href={href({ name: 'instance', id: r.instanceId })}>{r.businessKey ?? r.instanceId.slice(0, 8)}</a></td>
              <td class="mono">{r.definitionKey}{r.version ? ` v${r.version}` : ''}</td>
              <td class="mono">{r.elementId}</td>
              <td class="clip" title={r.message}>{r.message}</td>
              <td>{dateTime(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
