// One process instance for managers, process owners and admins: the diagram with where it stands and the path it
// took, incidents with a retry, the variables, the history, and the dossier it runs.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { IncidentView, InstanceView } from '../api/types';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { href } from '../shell/router';
import { Field, Loading, Notice, uid } from '../shell/ui';
import { Diagram } from './Diagram';
import { InstanceStatusBadge } from './status';
import { problemText } from '../shell/problem';
import { elementTypeName } from './elementType';
import { canOpenDossiers } from '../shell/access';
import { useSession } from '../shell/session';

export function InstancePage({ id }: { id: string }) {
  const { me } = useSession();
  const [instance, setInstance] = useState<InstanceView | null>(null);
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const next = await api.instance(id);
      setInstance(next);
      setXml(await api.definitionXml(next.definitionKey, next.version));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('viewer.notFound') : problemText(e));
    }
  }, [id]);

  useEffect(() => {
    setInstance(null);
    setXml(null);
    setError(null);
    void load();
  }, [load]);

  const highlights = useMemo(() => ({
    visited: [...new Set(instance?.history.filter((h) => !h.cancelled).map((h) => h.elementId) ?? [])],
    active: instance?.activeElementIds ?? [],
    incidents: instance?.incidents.map((i) => i.elementId) ?? [],
  }), [instance]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!instance) return <Loading />;
  const i = instance;
  return (
    <div class="instance-viewer">
      <div class="page-head">
        <div>
          <div class="eyebrow">{t('viewer.title')}</div>
          <h1>
            <span class="mono">{i.definitionKey}</span> <span class="muted">v{i.version}</span>
          </h1>
          <p class="muted small mono">{i.id}</p>
        </div>
        <div class="actions">
          <InstanceStatusBadge status={i.status} />
          <a class="button" href={href({ name: 'instances' })}>{t('viewer.backToList')}</a>
        </div>
      </div>
      {flash && <Notice kind="success">{flash}</Notice>}
      <section class="panel">
        <h2>{t('viewer.diagram')}</h2>
        {xml ? <Diagram xml={xml} highlights={highlights} label={t('viewer.diagramLabel', { key: i.definitionKey, version: i.version })} /> : <Loading />}
        <p data-testid="active-elements">
          <strong>{t('viewer.active')}:</strong>{' '}
          {i.activeElementIds.length ? i.activeElementIds.map((a) => <code key={a} class={highlights.incidents.includes(a) ? 'chip chip--bad' : 'chip'}>{a}</code>) : <span class="muted">{t('viewer.noneActive')}</span>}
        </p>
      </section>
      <div class="two-col">
        <div class="stack">
          <section class="panel">
            <h2>{t('viewer.facts')}</h2>
            <dl class="facts compact">
              <dt>{t('viewer.businessKey')}</dt><dd class="mono">{i.businessKey ?? '—'}</dd>
              <dt>{t('viewer.startedAt')}</dt><dd>{dateTime(i.startedAt)}</dd>
              <dt>{t('viewer.endedAt')}</dt><dd>{i.endedAt ? dateTime(i.endedAt) : '—'}</dd>
              <dt>{t('viewer.dossier')}</dt>
              <dd>
                {i.dossierCode && !canOpenDossiers(me) ? <span class="mono" data-testid="dossier-code-text">{i.dossierCode}</span> : i.dossierCode ? (
                  <>
                    <a href={href({ name: 'dossier', code: i.dossierCode })} data-testid="dossier-link">{i.dossierCode}</a>{' · '}
                    <a href={href({ name: 'print', code: i.dossierCode, slip: 'control' })}>{t('print.control')}</a>
                  </>
                ) : <span class="muted">{t('viewer.noDossier')}</span>}
              </dd>
            </dl>
          </section>
          <Incidents incidents={i.incidents} onRetried={(message) => { setFlash(message); void load(); }} />
        </div>
        <section class="panel">
          <h2>{t('viewer.variables')}</h2>
          <Variables variables={i.variables} />
        </section>
      </div>
      <section class="panel panel--flush">
        <h2 class="panel-title">{t('viewer.history')}</h2>
        <table class="table" data-testid="history">
          <thead>
            <tr><th scope="col">{t('viewer.element')}</th><th scope="col">{t('viewer.type')}</th><th scope="col">{t('viewer.startedAt')}</th><th scope="col">{t('viewer.endedAt')}</th></tr>
          </thead>
          <tbody>
            {i.history.map((h, n) => (
              <tr key={n} class={h.endedAt ? '' : 'row--open'}>
                <td class="mono">{h.elementId}</td>
                <td data-type={h.elementType} title={h.elementType}>{elementTypeName(h.elementType)}</td>
                <td>{dateTime(h.startedAt)}</td>
                <td>{h.cancelled ? t('viewer.cancelled') : h.endedAt ? dateTime(h.endedAt) : <strong>{t('viewer.running')}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Variables({ variables }: { variables: Record<string, unknown> }) {
  const entries = Object.entries(variables);
  if (entries.length === 0) return <p class="muted">{t('viewer.noVariables')}</p>;
  return (
    <table class="table" data-testid="variables">
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}><th scope="row" class="mono">{name}</th><td class="mono clip">{JSON.stringify(value)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function Incidents({ incidents, onRetried }: { incidents: IncidentView[]; onRetried: (message: string) => void }) {
  return (
    <section class="panel" data-testid="incidents">
      <h2>{t('viewer.incidents')}</h2>
      {incidents.length === 0 ? <p class="muted">{t('viewer.noIncidents')}</p> : incidents.map((incident) => (
        <IncidentRetry key={incident.id} incident={incident} onRetried={onRetried} />
      ))}
    </section>
  );
}

function IncidentRetry({ incident, onRetried }: { incident: IncidentView; onRetried: (message: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string[] | undefined>();
  const [busy, setBusy] = useState(false);
  const fieldId = useMemo(() => uid('retry-vars'), []);

  const retry = async (e: Event) => {
    e.preventDefault();
    let variables: Record<string, unknown> | null = null;
    if (text.trim()) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        variables = parsed as Record<string, unknown>;
      } catch {
        setError([t('viewer.retryVariablesInvalid')]);
        return;
      }
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.retryIncident(incident.id, variables);
      onRetried(t('viewer.retried', { element: incident.elementId }));
    } catch (ex) {
      setError([problemText(ex)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="incident" onSubmit={retry}>
      <p><code class="chip chip--bad">{incident.elementId}</code> <span class="muted small">{dateTime(incident.createdAt)}</span></p>
      <p class="incident-message">{incident.message}</p>
      <Field id={fieldId} label={t('viewer.retryVariables')} hint={t('viewer.retryVariablesHint')} error={error}>
        <textarea id={fieldId} rows={2} class="mono" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder='{"fee": 50000}' />
      </Field>
      <button type="submit" class="button button--warning" disabled={busy}>{busy ? t('common.saving') : t('viewer.retry')}</button>
    </form>
  );
}
