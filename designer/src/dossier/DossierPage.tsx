// Everything about one dossier: facts, units, dates, documents, supplement/refusal, open tasks and the control slip.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Dossier } from '../api/types';
import { t } from '../i18n';
import { bytes, dateTime } from '../shell/format';
import { useUnitNames } from '../shell/units';
import { href } from '../shell/router';
import { hasRole, useSession } from '../shell/session';
import { Loading, Notice, StatusBadge } from '../shell/ui';
import { Person } from '../shell/names';
import { SlipTable } from './SlipTable';
import { Qr } from './Qr';
import { DeadlinesPanel } from './DeadlinesPanel';
import { problemText } from '../shell/problem';
import { useProcedureNames } from '../shell/procedures';

/** Unit titles by code ("Phường Hải Châu"), from the units in force today. */
export function useUnits(vietnamese = false): (code: string | null | undefined, fallbackName?: string) => string {
  const { title } = useUnitNames();
  return (code, fallbackName) => title(code, fallbackName, vietnamese);
}

export function applicantTypeText(type: string): string {
  return type === 'organisation' ? t('applicantType.organisation') : type === 'householdBusiness' ? t('applicantType.householdBusiness') : t('applicantType.citizen');
}

export function DossierFacts({ dossier, unitName }: { dossier: Dossier; unitName: (c: string | null, fallbackName?: string) => string }) {
  const d = dossier;
  const procedures = useProcedureNames();
  return (
    <dl class="facts" data-testid="dossier-facts">
      <dt>{t('dossier.code')}</dt><dd class="mono" data-testid="dossier-code">{d.code}</dd>
      <dt>{t('dossier.procedure')}</dt><dd><span class="mono">{d.procedure.code}</span> {procedures.byCode(d.procedure.code, d.procedure.name)}</dd>
      <dt>{t('dossier.status')}</dt><dd><StatusBadge code={d.status} name={d.statusName} /></dd>
      <dt>{t('dossier.applicant')}</dt>
      <dd>
        <strong>{d.applicant.name}</strong> <span class="muted">({applicantTypeText(d.applicant.type)})</span>
        <div class="muted small">
          {[d.applicant.idNumber && `${t('desk.idNumber')}: ${d.applicant.idNumber}`, d.applicant.phone, d.applicant.email].filter(Boolean).join(' · ')}
        </div>
      </dd>
      <dt>{t('dossier.subject')}</dt>
      <dd>{[unitName(d.subject.unitCode ?? null), d.subject.unitName && d.subject.unitName !== d.subject.unitCode ? `“${d.subject.unitName}”` : null, d.subject.address, d.subject.parcel && `${t('desk.parcel')}: ${d.subject.parcel}`].filter(Boolean).join(' · ')}</dd>
      <dt>{t('dossier.receivingUnit')}</dt><dd>{unitName(d.receivingUnit.code, d.receivingUnit.name)}</dd>
      <dt>{t('dossier.competentUnit')}</dt><dd>{unitName(d.competentUnit.code, d.competentUnit.name)}</dd>
      <dt>{t('dossier.returnUnit')}</dt><dd>{unitName(d.returnUnit.code, d.returnUnit.name)}</dd>
      <dt>{t('dossier.channel')}</dt><dd>{t(`channel.${d.channel}` as 'channel.1')}</dd>
      <dt>{t('dossier.receivedAt')}</dt><dd>{dateTime(d.receivedAt)}{d.receivedBy && <span class="muted"> · <Person user={d.receivedBy} display={d.receivedByDisplayName} /></span>}</dd>
      <dt>{t('dossier.appointmentAt')}</dt><dd data-testid="appointment-at"><strong>{dateTime(d.appointmentAt)}</strong></dd>
      {d.finishedAt && <><dt>{t('dossier.finishedAt')}</dt><dd>{dateTime(d.finishedAt)}</dd></>}
      {d.returnedAt && <><dt>{t('dossier.returnedAt')}</dt><dd>{dateTime(d.returnedAt)}</dd></>}
    </dl>
  );
}

export function DocumentList({ dossier }: { dossier: Dossier }) {
  if (dossier.documents.length === 0) return <p class="muted">{t('dossier.noDocuments')}</p>;
  return (
    <ul class="doc-list">
      {dossier.documents.map((doc) => (
        <li key={doc.id}>
          <a href={api.documentUrl(dossier.code, doc.id)} download>{doc.name}</a>{' '}
          <span class="muted small">
            {t(`docKind.${doc.kind}` as 'docKind.original')} · {bytes(doc.size)} · {dateTime(doc.uploadedAt)} · SHA-256 <span class="mono" title={doc.sha256}>{doc.sha256.slice(0, 12)}…</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function DossierPage({ code }: { code: string }) {
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unitName = useUnits();
  const { me } = useSession();

  useEffect(() => {
    setDossier(null);
    setError(null);
    api.dossier(code).then(setDossier, (e) => setError(e instanceof ApiError && e.status === 404 ? t('dossier.notFound', { code }) : problemText(e)));
  }, [code]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!dossier) return <Loading />;
  const d = dossier;
  const printLink = (slip: 'receipt' | 'supplement' | 'refusal' | 'control', label: string) => (
    <a class="button" href={href({ name: 'print', code: d.code, slip })}>{label}</a>
  );
  return (
    <div class="dossier">
      <div class="page-head">
        <div>
          <div class="eyebrow">{t('dossier.title')}</div>
          <h1 class="mono">{d.code}</h1>
        </div>
        <div class="actions">
          {d.appointmentAt && d.status !== 3 && printLink('receipt', t('print.receipt'))}
          {d.supplement && printLink('supplement', t('print.supplement'))}
          {d.status === 3 && printLink('refusal', t('print.refusal'))}
          {printLink('control', t('print.control'))}
          {d.instanceId && hasRole(me, 'manager', 'process-owner') && (
            <a class="button button--ghost" href={href({ name: 'instance', id: d.instanceId })} data-testid="instance-link">{t('dossier.openInstance')}</a>
          )}
        </div>
      </div>
      <div class="two-col">
        <section class="panel">
          <h2>{t('dossier.facts')}</h2>
          <DossierFacts dossier={d} unitName={unitName} />
        </section>
        <div class="stack">
          <section class="panel qr-panel">
            <Qr text={d.code} label={t('print.qrLabel', { code: d.code })} />
            <div>
              <p class="small">{t('dossier.qrNote')}</p>
              <a href={href({ name: 'lookup', code: d.code })}>{t('dossier.publicView')}</a>
            </div>
          </section>
          <section class="panel">
            <h2>{t('dossier.documents')}</h2>
            <DocumentList dossier={d} />
          </section>
          {d.supplement && (
            <section class="panel">
              <h2>{t('dossier.supplement')}</h2>
              <p>{t('dossier.supplementAt', { at: dateTime(d.supplement.requestedAt) })}{d.supplement.resumedAt && ` · ${t('dossier.resumedAt', { at: dateTime(d.supplement.resumedAt) })}`}</p>
              <ul>{d.supplement.missing.map((m, i) => <li key={i}>{m}</li>)}</ul>
              {d.supplement.note && <p class="muted">{d.supplement.note}</p>}
            </section>
          )}
          {d.appointmentAt && <DeadlinesPanel dossier={d} onChange={setDossier} />}
          {d.refusalReason && (
            <section class="panel">
              <h2>{t('dossier.refusal')}</h2>
              <p>{d.refusalReason}</p>
            </section>
          )}
          {d.routing && d.routing.explanation.length > 0 && (
            <section class="panel" data-testid="dossier-routing">
              <h2>{t('routing.dossierTitle')}</h2>
              <p class="small">
                {t('routing.rule')}: <span class="mono">{d.routing.rule} · v{d.routing.tableVersion}</span>
                {' · '}{t('routing.process')}: <span class="mono">{d.routing.processKey} v{d.routing.processVersion}</span>
                {' · '}{t('routing.versionRule')}: <span class="mono">{d.routing.versionRule ?? t('routing.versionRuleNone')}</span>
              </p>
              <details>
                <summary>{t('routing.why')}</summary>
                <ol class="explanation">{d.routing.explanation.map((line, i) => <li key={i}>{line}</li>)}</ol>
              </details>
            </section>
          )}
          {d.custody && d.custody.length > 0 && (
            <section class="panel" data-testid="dossier-custody">
              <h2>{t('custody.title')}</h2>
              <ul class="plain">
                {d.custody.map((c, i) => (
                  <li key={i}>
                    {c.kind === 'sent' ? t('custody.sent') : t('custody.received')}: {unitName(c.fromUnit.code)} → {unitName(c.toUnit.code)}
                    {' · '}<span class="mono">{c.trackingNumber}</span>{c.carrier ? ` (${c.carrier})` : ''} · {dateTime(c.at)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {d.tasks.filter((x) => x.state !== 'completed').length > 0 && (
            <section class="panel">
              <h2>{t('dossier.tasks')}</h2>
              <ul class="plain">
                {d.tasks.filter((x) => x.state !== 'completed').map((x) => (
                  <li key={x.id}>
                    <a href={href({ name: 'task', id: x.id })}>{x.name}</a>{' '}
                    <span class="muted small">{unitName(x.unitCode)} · {x.assignee ? <Person user={x.assignee} display={x.assigneeDisplayName} /> : t('inbox.unassigned')} · {t('inbox.due')}: {dateTime(x.dueAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
      <section class="panel">
        <h2>{t('slip.title')}</h2>
        <SlipTable rows={d.slip} unitName={unitName} />
      </section>
    </div>
  );
}
