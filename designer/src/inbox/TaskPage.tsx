// One task: its dossier (facts, documents, control slip) beside the work — claim/release, the form (form-js or
// generated fields, validated by the server), transfer to another unit/user, and return for supplement.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Dossier, FormField, TaskDetail } from '../api/types';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { unitTitle, useUnitNames } from '../shell/units';
import { href, navigate } from '../shell/router';
import { useSession } from '../shell/session';
import { DueBadge, Field, Loading, Notice, describedBy } from '../shell/ui';
import { personName } from '../shell/names';
import { DocumentList, DossierFacts } from '../dossier/DossierPage';
import { SlipTable } from '../dossier/SlipTable';
import { normaliseErrors } from '../desk/Desk';
import { FieldsForm, checkValues, initialValues, type Values } from './FieldsForm';
import type { FormJsHandle } from './FormJsForm';
import { Suspense, lazy } from 'preact/compat';

// form-js (and its CSS) load only when a task has a form-js schema: the desk and inbox stay small.
const FormJsForm = lazy(() => import('./FormJsForm').then((m) => ({ default: m.FormJsForm })));
import { setFlash } from './flash';
import { problemText } from '../shell/problem';

/** Server errors for task variables may be keyed `variables.x` or `x`. */
function variableErrors(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(normaliseErrors(errors))) out[k.replace(/^variables\./, '')] = v;
  return out;
}

export function TaskPage({ id }: { id: string }) {
  const { me } = useSession();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const { units, title } = useUnitNames();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formJs = useRef<FormJsHandle>(null);

  const [toUnit, setToUnit] = useState('');
  const [toUser, setToUser] = useState('');
  const [transferReason, setTransferReason] = useState('');
  const [transferErrors, setTransferErrors] = useState<Record<string, string[]>>({});
  const [missing, setMissing] = useState('');
  const [supplementNote, setSupplementNote] = useState('');
  const [supplementErrors, setSupplementErrors] = useState<Record<string, string[]>>({});

  const load = async () => {
    try {
      const tk = await api.task(id);
      setTask(tk);
      if (tk.form?.kind === 'fields') setValues((v) => (Object.keys(v).length ? v : initialValues(tk.form && tk.form.kind === 'fields' ? tk.form.fields : [])));
      if (tk.dossierCode) setDossier(await api.dossier(tk.dossierCode));
    } catch (e) {
      setLoadError(e instanceof ApiError && e.status === 404 ? t('task.notFound') : problemText(e));
    }
  };

  useEffect(() => {
    setTask(null); setDossier(null); setValues({}); setErrors({}); setLoadError(null);
    void load();
  }, [id]);

  const unitName = (code: string | null | undefined, fallbackName?: string) => title(code, fallbackName);
  const fields: FormField[] = useMemo(() => (task?.form?.kind === 'fields' ? task.form.fields : []), [task]);

  if (loadError) return <Notice kind="error">{loadError} <a href={href({ name: 'inbox' })}>{t('task.backToInbox')}</a></Notice>;
  if (!task) return <Loading />;

  const mine = task.assignee === me.userName;
  const canWork = !task.readOnly && mine;
  const done = task.state === 'completed';

  const run = async (what: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setActionError(null);
    try {
      await what();
      after();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.errors).length) throw e;
      setActionError(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  const claim = (release: boolean) => run(() => (release ? api.unclaim(task.id) : api.claim(task.id)), () => void load());

  const complete = async () => {
    let variables: Values;
    if (task.form?.kind === 'formJs') {
      const data = formJs.current?.submit();
      if (!data) return;
      variables = data;
    } else {
      const local = checkValues(fields, values);
      setErrors(local);
      if (Object.keys(local).length) { focusInvalid(); return; }
      variables = values;
    }
    try {
      await run(() => api.complete(task.id, variables), () => {
        setFlash(t('task.completed', { name: task.name, code: task.dossierCode ?? '' }));
        navigate({ name: 'inbox', view: 'mine' });
      });
    } catch (e) {
      const ae = e as ApiError;
      const errs = variableErrors(ae.errors);
      setErrors(errs);
      formJs.current?.showServerErrors(errs);
      const elsewhere = task.form?.kind === 'fields' ? Object.entries(errs).filter(([k]) => !fields.some((f) => f.id === k)).flatMap(([, v]) => v) : [];
      setActionError([ae.problem.detail ?? ae.problem.title ?? t('task.invalid'), ...elsewhere].join(' '));
      focusInvalid();
    }
  };

  const transfer = async () => {
    const local: Record<string, string[]> = {};
    if (!transferReason.trim()) local.reason = [t('task.err.reason')];
    if (!toUnit && !toUser.trim()) local.toUnit = [t('task.err.target')];
    setTransferErrors(local);
    if (Object.keys(local).length) return;
    try {
      await run(() => api.transfer(task.id, { toUnit: toUnit || undefined, toUser: toUser.trim() || undefined, reason: transferReason.trim() }), () => {
        setFlash(t('task.transferred', { code: task.dossierCode ?? '', unit: toUnit ? unitName(toUnit) : toUser }));
        navigate({ name: 'inbox', view: 'mine' });
      });
    } catch (e) {
      setTransferErrors(normaliseErrors((e as ApiError).errors));
    }
  };

  const returnForSupplement = async () => {
    const list = missing.split('\n').map((s) => s.trim()).filter(Boolean);
    if (list.length === 0) { setSupplementErrors({ missing: [t('desk.err.missing')] }); return; }
    setSupplementErrors({});
    try {
      await run(() => api.returnForSupplement(task.id, list, supplementNote.trim()), () => {
        setFlash(t('task.returned', { code: task.dossierCode ?? '' }));
        navigate({ name: 'inbox', view: 'mine' });
      });
    } catch (e) {
      setSupplementErrors(normaliseErrors((e as ApiError).errors));
    }
  };

  return (
    <div class="task-page" onKeyDown={(e) => { if (e.key === 'Enter' && e.altKey && canWork) { e.preventDefault(); void complete(); } }}>
      <div class="page-head">
        <div>
          <div class="eyebrow"><a href={href({ name: 'inbox' })}>← {t('task.backToInbox')}</a></div>
          <h1>{task.name}</h1>
          <div class="muted">
            {task.dossierCode && <><a class="mono" href={href({ name: 'dossier', code: task.dossierCode })}>{task.dossierCode}</a> · </>}
            {unitName(task.unitCode)} · {t('inbox.due')}: <DueBadge dueAt={task.dueAt} /> · {t('task.created')}: {dateTime(task.createdAt)}
          </div>
        </div>
      </div>
      <div class="two-col two-col--task">
        <div class="stack">
          {dossier ? (
            <>
              <section class="panel">
                <h2>{t('dossier.facts')}</h2>
                <DossierFacts dossier={dossier} unitName={unitName} />
              </section>
              <section class="panel">
                <h2>{t('dossier.documents')}</h2>
                <DocumentList dossier={dossier} />
              </section>
              <section class="panel">
                <h2>{t('slip.title')}</h2>
                <SlipTable rows={dossier.slip} unitName={unitName} />
              </section>
            </>
          ) : (
            <section class="panel"><p class="muted">{task.dossierCode ? t('common.loading') : t('task.noDossier')}</p></section>
          )}
        </div>
        <div class="stack">
          <section class="panel work" aria-labelledby="work-title">
            <h2 id="work-title">{t('task.work')}</h2>
            {task.readOnly && <Notice kind="info">{t('task.readOnly')}</Notice>}
            {done && <Notice kind="info">{t('task.done')}</Notice>}
            {!task.readOnly && !done && (
              <div class="assignment" data-testid="assignment">
                {task.assignee ? (
                  mine ? <span>{t('task.assignedToYou')}</span> : <span>{t('task.assignedTo', { user: personName(task.assignee, task.assigneeDisplayName) })}</span>
                ) : <span>{t('task.unassigned')}</span>}
                {!task.assignee && <button type="button" class="button button--primary" disabled={busy} onClick={() => void claim(false)}>{t('inbox.claim')}</button>}
                {mine && <button type="button" class="button button--ghost" disabled={busy} onClick={() => void claim(true)}>{t('inbox.release')}</button>}
              </div>
            )}
            {task.form?.kind === 'formJs' && <Suspense fallback={<Loading />}><FormJsForm ref={formJs} schema={task.form.schema} disabled={!canWork} /></Suspense>}
            {task.form?.kind === 'fields' && <FieldsForm fields={fields} values={values} onChange={setValues} errors={errors} disabled={!canWork} />}
            {!task.form && <p class="muted">{t('form.noFields')}</p>}
            {task.form?.kind === 'formJs' && Object.keys(errors).length > 0 && (
              <ul class="field-error" role="alert">
                {Object.entries(errors).map(([k, v]) => <li key={k}><span class="mono">{k}</span>: {v.join(' ')}</li>)}
              </ul>
            )}
            {actionError && <Notice kind="error">{actionError}</Notice>}
            {!task.readOnly && !done && (
              <div class="actions">
                <button type="button" class="button button--primary" disabled={!canWork || busy} onClick={() => void complete()} data-testid="complete">
                  {busy ? t('common.saving') : t('task.complete')}
                </button>
                {!canWork && <span class="muted small">{t('task.claimFirst')}</span>}
              </div>
            )}
          </section>
          {canWork && (
            <details class="panel">
              <summary><h2>{t('task.transfer')}</h2></summary>
              <div class="form-stack">
                <Field id="transfer-unit" label={t('task.toUnit')} error={transferErrors.toUnit}>
                  <select id="transfer-unit" value={toUnit} onChange={(e) => setToUnit(e.currentTarget.value)} {...describedBy('transfer-unit', transferErrors.toUnit)}>
                    <option value="">{t('form.choose')}</option>
                    {units.filter((u) => u.kind !== 'district' && u.kind !== 'province').map((u) => <option key={u.code} value={u.code}>{unitTitle(u.name, u.kind)}</option>)}
                  </select>
                </Field>
                <Field id="transfer-user" label={t('task.toUser')} error={transferErrors.toUser}>
                  <input id="transfer-user" value={toUser} onInput={(e) => setToUser(e.currentTarget.value)} placeholder="officer.thanh-khe" />
                </Field>
                <Field id="transfer-reason" label={t('task.reason')} required error={transferErrors.reason}>
                  <textarea id="transfer-reason" rows={2} value={transferReason} onInput={(e) => setTransferReason(e.currentTarget.value)} {...describedBy('transfer-reason', transferErrors.reason)} />
                </Field>
                <div class="actions"><button type="button" class="button" disabled={busy} onClick={() => void transfer()}>{t('task.transferSubmit')}</button></div>
              </div>
            </details>
          )}
          {canWork && (
            <details class="panel">
              <summary><h2>{t('task.supplement')}</h2></summary>
              <div class="form-stack">
                <Field id="supplement-missing" label={t('desk.missing')} required error={supplementErrors.missing} hint={t('task.supplementHint')}>
                  <textarea id="supplement-missing" rows={4} value={missing} onInput={(e) => setMissing(e.currentTarget.value)} {...describedBy('supplement-missing', supplementErrors.missing, true)} />
                </Field>
                <Field id="supplement-note" label={t('desk.note')} error={supplementErrors.note}>
                  <textarea id="supplement-note" rows={2} value={supplementNote} onInput={(e) => setSupplementNote(e.currentTarget.value)} />
                </Field>
                <div class="actions"><button type="button" class="button button--warning" disabled={busy} onClick={() => void returnForSupplement()}>{t('task.supplementSubmit')}</button></div>
              </div>
            </details>
          )}
        </div>
      </div>
    </div>
  );
}

function focusInvalid() {
  setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
