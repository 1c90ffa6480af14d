// Reception desk: pick a procedure, enter applicant and subject, check the required documents, see the appointment
// date before confirming, then receive / request a supplement / refuse and print the matching slip.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type {
  Applicant, ApplicantType, Appointment, Channel, CreatedDossier, Decision, DocumentKind, Procedure, TimeLimit, Unit,
} from '../api/types';
import { lang, t } from '../i18n';
import { dateTime, date, money } from '../shell/format';
import { loadUnits, unitTitle } from '../shell/units';
import { href, navigate, type SlipKind } from '../shell/router';
import { useSession } from '../shell/session';
import { Field, Notice, describedBy } from '../shell/ui';
import { CalendarName } from '../shell/names';
import { ProcedurePicker, procedureName } from './ProcedurePicker';
import { RoutingResult } from '../routing/RoutingResult';
import { routingApi, type RoutingResolution } from '../routing/api';
import { problemText } from '../shell/problem';

interface DocState {
  present: boolean;
  kind: DocumentKind;
  file: File | null;
}

interface ExtraDoc {
  name: string;
  kind: DocumentKind;
  file: File | null;
}

const emptyApplicant: Applicant = { type: 'citizen', name: '', idNumber: '', phone: '', email: '' };

/** Server field paths may come PascalCase (Applicant.Name) or camelCase: compare in camelCase. */
export function normaliseErrors(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const k = key.replace(/^\$\./, '').split('.').map((s) => (s ? s[0]!.toLowerCase() + s.slice(1) : s)).join('.');
    out[k] = [...(out[k] ?? []), ...messages];
  }
  return out;
}

export function timeLimitText(limit: TimeLimit): string {
  switch (limit.kind) {
    case 'sameDay':
      return limit.cutoff ? t('timeLimit.sameDayCutoff', { cutoff: limit.cutoff }) : t('timeLimit.sameDay');
    case 'workingDays':
      return t('timeLimit.workingDays', { n: limit.value });
    case 'workingHours':
      return t('timeLimit.workingHours', { n: limit.value });
  }
}

export function Desk() {
  const { me } = useSession();
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [receivingUnit, setReceivingUnit] = useState(me.units[0]?.code ?? '');
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [applicant, setApplicant] = useState<Applicant>(emptyApplicant);
  const [subjectUnit, setSubjectUnit] = useState(me.units[0]?.code ?? '');
  const [subjectWritten, setSubjectWritten] = useState('');
  const [address, setAddress] = useState('');
  const [parcel, setParcel] = useState('');
  const [channel, setChannel] = useState<Channel>(1);
  const [returnUnit, setReturnUnit] = useState('');
  const [docs, setDocs] = useState<Record<string, DocState>>({});
  const [extras, setExtras] = useState<ExtraDoc[]>([]);

  const [routing, setRouting] = useState<RoutingResolution | null>(null);
  const [routingError, setRoutingError] = useState<string | null>(null);
  const [appointment, setAppointment] = useState<Appointment | null>(null);
  const [appointmentError, setAppointmentError] = useState<string | null>(null);

  const [decision, setDecision] = useState<Decision>('accept');
  const [missing, setMissing] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');

  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastReceived, setLastReceived] = useState<{ created: CreatedDossier; decision: Decision; uploadProblems: string[] } | null>(null);
  const procedureInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    Promise.all([api.procedures(), loadUnits()]).then(
      ([p, u]) => { setProcedures(p); setUnits(u); },
      (e: unknown) => setLoadError(problemText(e)),
    );
    procedureInput.current?.focus();
  }, []);

  // The appointment date the applicant is promised, computed by the server for this procedure, unit and now.
  useEffect(() => {
    setAppointment(null);
    setAppointmentError(null);
    if (!procedure || !receivingUnit) return;
    let live = true;
    api.appointment(procedure.code, receivingUnit).then(
      (a) => live && setAppointment(a),
      (e: unknown) => live && setAppointmentError(problemText(e)),
    );
    return () => { live = false; };
    // The language too: the server writes the explanation in the language the request asks for (Accept-Language).
  }, [procedure, receivingUnit, lang()]);

  // Where the dossier would go, asked of the server as the clerk fills the form: the same routing the receipt applies.
  const subjectInput = () => {
    const written = subjectWritten.trim();
    return written ? { unitName: written, address, parcel } : { unitCode: subjectUnit, address, parcel };
  };
  useEffect(() => {
    setRouting(null);
    setRoutingError(null);
    if (!procedure || !receivingUnit) return;
    let live = true;
    const timer = setTimeout(() => {
      routingApi.resolve({ procedureCode: procedure.code, receivingUnit, channel, applicantType: applicant.type, subject: subjectInput() }).then(
        (r) => live && setRouting(r),
        (e: unknown) => live && setRoutingError(problemText(e)),
      );
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [procedure, receivingUnit, subjectUnit, subjectWritten, address, parcel, channel, applicant.type, lang()]);

  const pickProcedure = (p: Procedure) => {
    setProcedure(p);
    const next: Record<string, DocState> = {};
    for (const d of p.requiredDocuments) next[d.code] = { present: false, kind: 'original', file: null };
    setDocs(next);
    setErrors((e) => ({ ...e, procedureCode: [] }));
  };

  const wardUnits = useMemo(
    () => units.filter((u) => u.kind === 'ward' || u.kind === 'commune' || u.kind === 'special-zone').sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [units],
  );
  const unitName = (code: string) => {
    const u = units.find((x) => x.code === code);
    return u ? unitTitle(u.name, u.kind) : me.units.find((x) => x.code === code)?.name ?? code;
  };

  const missingDefault = useMemo(
    () => (procedure?.requiredDocuments ?? []).filter((d) => d.required && !docs[d.code]?.present).map((d) => d.name).join('\n'),
    [procedure, docs],
  );

  // Switching to "supplement" prefills the missing list with the required documents not ticked (once; then it is the clerk's).
  useEffect(() => {
    if (decision === 'supplement' && !missing.trim()) setMissing(missingDefault);
  }, [decision]);

  const setApplicantField = (k: keyof Applicant, v: string) => setApplicant((a) => ({ ...a, [k]: v }));
  const err = (path: string) => (errors[path]?.length ? errors[path] : undefined);

  const clientCheck = (): Record<string, string[]> => {
    const e: Record<string, string[]> = {};
    if (!procedure) e.procedureCode = [t('desk.err.procedure')];
    if (!applicant.name.trim()) e['applicant.name'] = [t('desk.err.required')];
    if (!subjectUnit) e['subject.unitCode'] = [t('desk.err.required')];
    if (decision === 'supplement' && !missing.trim()) e.missing = [t('desk.err.missing')];
    if (decision === 'refuse' && !reason.trim()) e.reason = [t('desk.err.reason')];
    if (applicant.email && !/^[^@\s]+@[^@\s]+$/.test(applicant.email)) e['applicant.email'] = [t('desk.err.email')];
    return e;
  };

  const submit = async (addNew: boolean) => {
    if (busy) return;
    setFormError(null);
    const local = clientCheck();
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError(t('desk.err.fix'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const created = await api.createDossier({
        procedureCode: procedure!.code,
        receivingUnit,
        channel,
        applicant: { ...applicant, name: applicant.name.trim() },
        subject: subjectInput(),
        returnUnit: returnUnit || undefined,
        decision,
        missing: decision === 'supplement' ? missing.split('\n').map((s) => s.trim()).filter(Boolean) : undefined,
        reason: decision === 'refuse' ? reason.trim() : undefined,
        note: note.trim() || undefined,
      });
      const uploadProblems: string[] = [];
      for (const d of procedure!.requiredDocuments) {
        const s = docs[d.code];
        if (s?.file) {
          await api.uploadDocument(created.code, s.file, s.kind, d.name, d.code).catch((e: unknown) => uploadProblems.push(`${d.name}: ${problemText(e)}`));
        }
      }
      for (const x of extras) {
        if (x.file) {
          await api.uploadDocument(created.code, x.file, x.kind, x.name || x.file.name).catch((e: unknown) => uploadProblems.push(`${x.name}: ${problemText(e)}`));
        }
      }
      const slip = slipFor(decision);
      if (addNew) {
        setLastReceived({ created, decision, uploadProblems });
        // Keep the applicant, start a new dossier.
        setProcedure(null);
        setDocs({});
        setExtras([]);
        setDecision('accept');
        setMissing('');
        setNote('');
        setReason('');
        setAddress('');
        setParcel('');
        setSubjectWritten('');
        procedureInput.current?.focus();
      } else {
        navigate({ name: 'print', code: created.code, slip });
      }
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.errors).length) {
        const ae = e as ApiError;
        const errs = normaliseErrors(ae.errors);
        setErrors(errs);
        // Messages for no field on this form are listed with the summary.
        const elsewhere = Object.entries(errs).filter(([k]) => !document.getElementById(k === 'procedureCode' ? 'procedure-search' : k)).flatMap(([, v]) => v);
        setFormError([ae.problem.detail ?? ae.problem.title ?? t('desk.err.fix'), ...elsewhere].join(' '));
        focusFirstError();
      } else {
        setFormError(problemText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.altKey) {
      e.preventDefault();
      void submit(false);
    }
  };

  const decisionLabel = decision === 'accept' ? t('desk.receive') : decision === 'supplement' ? t('desk.requestSupplement') : t('desk.refuse');
  const requiredDocs = procedure?.requiredDocuments ?? [];

  return (
    <div class="desk" onKeyDown={onKeyDown}>
      <div class="page-head">
        <h1>{t('desk.title')}</h1>
        <div class="field inline">
          <label for="receiving-unit">{t('desk.receivingUnit')}</label>
          <select id="receiving-unit" value={receivingUnit} onChange={(e) => setReceivingUnit(e.currentTarget.value)}>
            {me.units.map((u) => <option key={u.code} value={u.code}>{unitName(u.code)}</option>)}
          </select>
        </div>
      </div>
      {loadError && <Notice kind="error">{t('common.loadFailed', { detail: loadError })}</Notice>}
      {lastReceived && (
        <Notice kind="success">
          <span data-testid="last-received">
            {t('desk.received', { code: lastReceived.created.code })}{' '}
            <a href={href({ name: 'print', code: lastReceived.created.code, slip: slipFor(lastReceived.decision) })}>
              {t('desk.printSlip')}
            </a>{' · '}
            <a href={href({ name: 'dossier', code: lastReceived.created.code })}>{t('desk.openDossier')}</a>
          </span>
          {lastReceived.uploadProblems.length > 0 && <div>{t('desk.uploadFailed')}: {lastReceived.uploadProblems.join('; ')}</div>}
        </Notice>
      )}
      <form class="desk-grid" noValidate onSubmit={(e) => { e.preventDefault(); void submit(false); }}>
        <div class="desk-main">
          <fieldset class="panel">
            <legend>{t('desk.procedure')}</legend>
            {procedure ? (
              <div class="picked" data-testid="picked-procedure">
                <div>
                  <span class="mono">{procedure.code}</span> <strong>{procedureName(procedure)}</strong>
                  <div class="muted">{procedure.field} · {t('desk.competentLevel')}: {levelText(procedure.competentLevel)}{procedure.boundaryIndependent ? ` · ${t('desk.boundaryIndependent')}` : ''}</div>
                  <dl class="facts compact procedure-facts">
                    <dt>{t('desk.timeLimit')}</dt>
                    <dd>{timeLimitText(procedure.timeLimit)}</dd>
                    <dt>{t('desk.fees')}</dt>
                    <dd>{procedure.fees.every((f) => !f.amount) ? t('desk.free') : procedure.fees.filter((f) => f.amount).map((f) => `${f.name}: ${money(f.amount)}`).join('; ')}</dd>
                  </dl>
                </div>
                <button type="button" class="button button--ghost" onClick={() => { setProcedure(null); setTimeout(() => procedureInput.current?.focus(), 0); }}>
                  {t('desk.changeProcedure')}
                </button>
              </div>
            ) : (
              <ProcedurePicker procedures={procedures} onPick={pickProcedure} error={err('procedureCode')} inputRef={procedureInput} />
            )}
          </fieldset>

          <fieldset class="panel">
            <legend>{t('desk.applicant')}</legend>
            <div class="grid-3">
              <Field id="applicant.type" label={t('desk.applicantType')} error={err('applicant.type')}>
                <select id="applicant.type" value={applicant.type} onChange={(e) => setApplicantField('type', e.currentTarget.value as ApplicantType)}>
                  <option value="citizen">{t('applicantType.citizen')}</option>
                  <option value="organisation">{t('applicantType.organisation')}</option>
                  <option value="householdBusiness">{t('applicantType.householdBusiness')}</option>
                </select>
              </Field>
              <Field id="applicant.name" label={t('desk.applicantName')} required error={err('applicant.name')}>
                <input id="applicant.name" value={applicant.name} autoComplete="off" onInput={(e) => setApplicantField('name', e.currentTarget.value)}
                  {...describedBy('applicant.name', err('applicant.name'))} />
              </Field>
              <Field id="applicant.idNumber" label={t('desk.idNumber')} error={err('applicant.idNumber')}>
                <input id="applicant.idNumber" value={applicant.idNumber} inputMode="numeric" autoComplete="off"
                  onInput={(e) => setApplicantField('idNumber', e.currentTarget.value)} {...describedBy('applicant.idNumber', err('applicant.idNumber'))} />
              </Field>
              <Field id="applicant.phone" label={t('desk.phone')} error={err('applicant.phone')}>
                <input id="applicant.phone" type="tel" value={applicant.phone} autoComplete="off"
                  onInput={(e) => setApplicantField('phone', e.currentTarget.value)} {...describedBy('applicant.phone', err('applicant.phone'))} />
              </Field>
              <Field id="applicant.email" label={t('desk.email')} error={err('applicant.email')}>
                <input id="applicant.email" type="email" value={applicant.email} autoComplete="off"
                  onInput={(e) => setApplicantField('email', e.currentTarget.value)} {...describedBy('applicant.email', err('applicant.email'))} />
              </Field>
              <Field id="channel" label={t('desk.channel')} error={err('channel')}>
                <select id="channel" value={channel} onChange={(e) => setChannel(Number(e.currentTarget.value) as Channel)}>
                  <option value={1}>{t('channel.1')}</option>
                  <option value={2}>{t('channel.2')}</option>
                  <option value={3}>{t('channel.3')}</option>
                </select>
              </Field>
            </div>
          </fieldset>

          <fieldset class="panel">
            <legend>{t('desk.subject')}</legend>
            <div class="grid-3">
              <Field id="subject.unitCode" label={t('desk.subjectUnit')} required error={err('subject.unitCode')} hint={t('desk.subjectUnitHint')}>
                <select id="subject.unitCode" value={subjectUnit} onChange={(e) => setSubjectUnit(e.currentTarget.value)}
                  {...describedBy('subject.unitCode', err('subject.unitCode'), true)}>
                  {!wardUnits.some((u) => u.code === subjectUnit) && <option value={subjectUnit}>{unitName(subjectUnit)}</option>}
                  {wardUnits.map((u) => <option key={u.code} value={u.code}>{unitTitle(u.name, u.kind)}</option>)}
                </select>
              </Field>
              <Field id="subject.unitName" label={t('desk.subjectWritten')} error={err('subject.unitName')} hint={t('desk.subjectWrittenHint')}>
                <input id="subject.unitName" value={subjectWritten} autoComplete="off" onInput={(e) => setSubjectWritten(e.currentTarget.value)}
                  {...describedBy('subject.unitName', err('subject.unitName'), true)} />
              </Field>
              <Field id="subject.address" label={t('desk.address')} error={err('subject.address')}>
                <input id="subject.address" value={address} onInput={(e) => setAddress(e.currentTarget.value)} {...describedBy('subject.address', err('subject.address'))} />
              </Field>
              <Field id="subject.parcel" label={t('desk.parcel')} error={err('subject.parcel')} hint={t('desk.parcelHint')}>
                <input id="subject.parcel" value={parcel} onInput={(e) => setParcel(e.currentTarget.value)} {...describedBy('subject.parcel', err('subject.parcel'), true)} />
              </Field>
              <Field id="returnUnit" label={t('desk.returnUnit')} error={err('returnUnit')}>
                <select id="returnUnit" value={returnUnit} onChange={(e) => setReturnUnit(e.currentTarget.value)}>
                  <option value="">{t('desk.returnUnitDefault')}</option>
                  {wardUnits.filter((u) => u.code !== receivingUnit).map((u) => <option key={u.code} value={u.code}>{unitTitle(u.name, u.kind)}</option>)}
                </select>
              </Field>
            </div>
          </fieldset>

          <fieldset class="panel">
            <legend>{t('desk.documents')}</legend>
            {!procedure && <p class="muted">{t('desk.documentsPick')}</p>}
            {procedure && (
              <table class="table doc-table">
                <caption class="sr-only">{t('desk.documents')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('desk.docReceived')}</th>
                    <th scope="col">{t('desk.docName')}</th>
                    <th scope="col">{t('desk.docCopies')}</th>
                    <th scope="col">{t('desk.docKind')}</th>
                    <th scope="col">{t('desk.docFile')}</th>
                  </tr>
                </thead>
                <tbody>
                  {requiredDocs.map((d) => {
                    const s = docs[d.code] ?? { present: false, kind: 'original' as DocumentKind, file: null };
                    const update = (patch: Partial<DocState>) => setDocs((all) => ({ ...all, [d.code]: { ...s, ...patch } }));
                    const id = `doc-${d.code}`;
                    return (
                      <tr key={d.code} data-doc={d.code}>
                        <td><input type="checkbox" id={id} checked={s.present} onChange={(e) => update({ present: e.currentTarget.checked })} /></td>
                        <td>
                          <label for={id}>{d.name}</label>
                          {d.required ? <span class="req" title={t('desk.docRequired')}> *</span> : <span class="muted"> ({t('desk.docOptional')})</span>}
                        </td>
                        <td class="num">{d.copies}</td>
                        <td>
                          <select aria-label={t('desk.docKindOf', { name: d.name })} value={s.kind} onChange={(e) => update({ kind: e.currentTarget.value as DocumentKind })}>
                            <option value="original">{t('docKind.original')}</option>
                            <option value="copy">{t('docKind.copy')}</option>
                            <option value="electronic">{t('docKind.electronic')}</option>
                          </select>
                        </td>
                        <td>
                          <FilePick label={t('desk.docFileOf', { name: d.name })} file={s.file}
                            onFile={(f) => update({ file: f, present: f ? true : s.present })} />
                        </td>
                      </tr>
                    );
                  })}
                  {extras.map((x, i) => {
                    const update = (patch: Partial<ExtraDoc>) => setExtras((all) => all.map((y, j) => (j === i ? { ...y, ...patch } : y)));
                    return (
                      <tr key={`extra-${i}`}>
                        <td><button type="button" class="button button--small button--ghost" onClick={() => setExtras((all) => all.filter((_, j) => j !== i))} aria-label={t('desk.removeDoc')}>×</button></td>
                        <td><input aria-label={t('desk.docName')} value={x.name} onInput={(e) => update({ name: e.currentTarget.value })} /></td>
                        <td class="num">1</td>
                        <td>
                          <select aria-label={t('desk.docKind')} value={x.kind} onChange={(e) => update({ kind: e.currentTarget.value as DocumentKind })}>
                            <option value="original">{t('docKind.original')}</option>
                            <option value="copy">{t('docKind.copy')}</option>
                            <option value="electronic">{t('docKind.electronic')}</option>
                          </select>
                        </td>
                        <td><FilePick label={t('desk.docFile')} file={x.file} onFile={(f) => update({ file: f })} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {procedure && (
              <button type="button" class="button button--ghost" onClick={() => setExtras((x) => [...x, { name: '', kind: 'copy', file: null }])}>
                + {t('desk.addDoc')}
              </button>
            )}
          </fieldset>
        </div>

        <aside class="desk-side" aria-label={t('desk.summary')}>
          <section class="panel sticky">
            <h2>{t('desk.appointment')}</h2>
            {!procedure && <p class="muted">{t('desk.appointmentPick')}</p>}
            {procedure && !appointment && !appointmentError && <p class="loading">{t('desk.appointmentLoading')}</p>}
            {appointmentError && <Notice kind="error">{appointmentError}</Notice>}
            {appointment && (
              <div class="appointment" data-testid="appointment">
                <div class="appointment-label">{t('desk.appointmentAt')}</div>
                <div class="appointment-date">{dateTime(appointment.appointmentAt)}</div>
                {appointment.explanation.length > 0 && (
                  <details open>
                    <summary>{t('desk.appointmentWhy')}</summary>
                    <ul class="explanation">
                      {appointment.explanation.map((x, i) => (
                        <li key={i} class={`day day--${x.kind}`}>
                          <span class="mono">{date(x.day)}</span> <strong>{t(`day.${x.kind}` as 'day.counted')}</strong>{' '}
                          <span class="muted small" lang="en">{x.reason}</span>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                <div class="muted small">{t('desk.calendar')}: <CalendarName label={appointment.calendarLabel} recorded={appointment.calendar} /></div>
              </div>
            )}

            <h2>{t('routing.deskTitle')}</h2>
            {!procedure && <p class="muted">{t('desk.routingPick')}</p>}
            {procedure && !routing && !routingError && <p class="loading">{t('routing.loading')}</p>}
            {routingError && <Notice kind="error">{routingError}</Notice>}
            {routing && <RoutingResult result={routing} testId="desk-routing" />}

            <fieldset class="decision">
              <legend>{t('desk.decision')}</legend>
              {(['accept', 'supplement', 'refuse'] as Decision[]).map((d) => (
                <label key={d} class="radio">
                  <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
                  {d === 'accept' ? t('desk.decisionAccept') : d === 'supplement' ? t('desk.decisionSupplement') : t('desk.decisionRefuse')}
                </label>
              ))}
            </fieldset>
            {decision === 'supplement' && (
              <Field id="missing" label={t('desk.missing')} required error={err('missing')} hint={t('desk.missingHint')}>
                <textarea id="missing" rows={4} value={missing} onInput={(e) => setMissing(e.currentTarget.value)} {...describedBy('missing', err('missing'), true)} />
              </Field>
            )}
            {decision === 'refuse' && (
              <Field id="reason" label={t('desk.reason')} required error={err('reason')}>
                <textarea id="reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...describedBy('reason', err('reason'))} />
              </Field>
            )}
            <Field id="note" label={t('desk.note')} error={err('note')}>
              <textarea id="note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </Field>
            {formError && <Notice kind="error">{formError}</Notice>}
            <div class="actions actions--stack">
              <button type="submit" class={`button ${decision === 'refuse' ? 'button--danger' : 'button--primary'}`} disabled={busy} data-testid="confirm">
                {busy ? t('common.saving') : decisionLabel}
              </button>
              {decision === 'accept' && (
                <button type="button" class="button" disabled={busy} onClick={() => void submit(true)}>{t('desk.receiveAndNew')}</button>
              )}
            </div>
            <p class="muted small">{t('desk.shortcut')}</p>
          </section>
        </aside>
      </form>
    </div>
  );
}

function levelText(level: string): string {
  switch (level) {
    case 'commune': return t('level.commune');
    case 'district': return t('level.district');
    case 'province': return t('level.province');
    case 'central': return t('level.central');
    default: return level;
  }
}

function FilePick({ label, file, onFile }: { label: string; file: File | null; onFile: (f: File | null) => void }) {
  return (
    <span class="file-pick">
      <span class="button button--small" aria-hidden="true">{t('desk.chooseFile')}</span>
      <input type="file" aria-label={label} onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)} />
      <span class="file-name" title={file?.name}>{file ? file.name : t('desk.noFile')}</span>
    </span>
  );
}

function slipFor(decision: Decision): SlipKind {
  return decision === 'accept' ? 'receipt' : decision === 'supplement' ? 'supplement' : 'refusal';
}

function focusFirstError() {
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input, .field--invalid select, .field--invalid textarea');
    el?.focus();
  }, 0);
}
