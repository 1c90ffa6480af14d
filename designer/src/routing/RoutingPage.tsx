// Routing rules (process owners): the province's table edited as a table — first matching row wins — with the
// server's checks (errors block the save, overlapping rows are warned about), a "try it" box that routes a dossier by
// the draft, and saving as the next version with a change note.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { dateTime, todayIso } from '../shell/format';
import { Field, Loading, Notice } from '../shell/ui';
import { RoutingResult } from './RoutingResult';
import { routingApi, splitList, type RoutingProblem, type RoutingResolution, type RoutingRule, type RoutingTable, type RoutingVersion, type VersionRule } from './api';
import { problemText } from '../shell/problem';

const PROVINCE = '48';

const emptyRule = (n: number): RoutingRule => ({
  id: `row-${n}`, procedureCodes: [], fields: [], subjectUnits: [], applicantTypes: [], channels: [], receivingUnits: [],
  from: null, to: null, competent: 'subject', competentUnit: null, returnUnit: 'receiving', receivableAnywhere: null, note: null,
});

export function RoutingPage() {
  const [table, setTable] = useState<RoutingTable | null>(null);
  const [problems, setProblems] = useState<RoutingProblem[]>([]);
  const [versions, setVersions] = useState<RoutingVersion[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    Promise.all([routingApi.table(PROVINCE), routingApi.versions(PROVINCE)]).then(
      ([view, history]) => { setTable(view.table); setProblems(view.problems); setVersions(history); },
      (e: unknown) => setLoadError(problemText(e)),
    );
  useEffect(() => { void load(); }, []);

  // The server checks the draft as the owner types (debounced): the same checks a save runs.
  useEffect(() => {
    if (!table) return;
    const timer = setTimeout(() => {
      routingApi.check(PROVINCE, table).then(setProblems, (e: ApiError) => setProblems(problemsOf(e)));
    }, 300);
    return () => clearTimeout(timer);
  }, [table]);

  if (loadError) return <Notice kind="error">{t('common.loadFailed', { detail: loadError })}</Notice>;
  if (!table) return <Loading />;

  const setRule = (i: number, patch: Partial<RoutingRule>) => {
    setSaved(null);
    setTable({ ...table, rules: table.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  };
  const move = (i: number, by: number) => {
    const rules = [...table.rules];
    const [row] = rules.splice(i, 1);
    rules.splice(i + by, 0, row!);
    setTable({ ...table, rules });
  };
  const remove = (i: number) => setTable({ ...table, rules: table.rules.filter((_, j) => j !== i) });
  const add = () => setTable({ ...table, rules: [...table.rules, emptyRule(table.rules.length + 1)] });
  const errors = problems.filter((p) => p.severity === 'error');
  const rowProblems = (i: number) => problems.filter((p) => p.path === `$.rules[${i}]` || p.path.startsWith(`$.rules[${i}].`));

  const save = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      const answer = await routingApi.save(PROVINCE, table, note);
      setSaved(t('routing.saved', { version: answer.version }));
      setNote('');
      await load();
    } catch (e) {
      setSaveError(problemText(e));
      if (e instanceof ApiError) setProblems(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="routing">
      <div class="page-head">
        <h1>{t('routing.title')}</h1>
        <span class="muted">{t('routing.tableVersion', { province: table.province, version: table.version })}</span>
      </div>
      <p class="muted">{t('routing.intro')}</p>

      <section class="panel routing-table-panel">
        <h2>{t('routing.rows')}</h2>
        <div class="table-scroll">
          <table class="table routing-table" data-testid="routing-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('routing.col.id')}</th>
                <th scope="col">{t('routing.col.procedures')}</th>
                <th scope="col">{t('routing.col.subjectUnits')}</th>
                <th scope="col">{t('routing.col.applicantTypes')}</th>
                <th scope="col">{t('routing.col.channels')}</th>
                <th scope="col">{t('routing.col.receivingUnits')}</th>
                <th scope="col">{t('routing.col.from')}</th>
                <th scope="col">{t('routing.col.to')}</th>
                <th scope="col">{t('routing.col.competent')}</th>
                <th scope="col">{t('routing.col.competentUnit')}</th>
                <th scope="col">{t('routing.col.return')}</th>
                <th scope="col">{t('routing.col.anywhere')}</th>
                <th scope="col"><span class="sr-only">{t('routing.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {table.rules.map((r, i) => {
                const label = (col: string) => t('routing.cellLabel', { row: i + 1, column: col });
                const list = (key: 'procedureCodes' | 'subjectUnits' | 'applicantTypes' | 'receivingUnits', col: string) => (
                  <input class="cell" aria-label={label(col)} value={r[key].join(', ')} placeholder={t('routing.any')}
                    onChange={(e) => setRule(i, { [key]: splitList(e.currentTarget.value) } as Partial<RoutingRule>)} />
                );
                const mine = rowProblems(i);
                return (
                  <>
                    <tr key={`r${i}`} data-row={i} class={mine.some((p) => p.severity === 'error') ? 'row--error' : mine.length ? 'row--warning' : ''}>
                      <td class="num">{i + 1}</td>
                      <td><input class="cell cell--id" aria-label={label(t('routing.col.id'))} value={r.id} onChange={(e) => setRule(i, { id: e.currentTarget.value })} /></td>
                      <td>{list('procedureCodes', t('routing.col.procedures'))}</td>
                      <td>{list('subjectUnits', t('routing.col.subjectUnits'))}</td>
                      <td>{list('applicantTypes', t('routing.col.applicantTypes'))}</td>
                      <td>
                        <input class="cell cell--short" aria-label={label(t('routing.col.channels'))} value={r.channels.join(', ')} placeholder={t('routing.any')}
                          onChange={(e) => setRule(i, { channels: splitList(e.currentTarget.value).map(Number) })} />
                      </td>
                      <td>{list('receivingUnits', t('routing.col.receivingUnits'))}</td>
                      <td><input class="cell cell--date" type="date" aria-label={label(t('routing.col.from'))} value={r.from ?? ''} onChange={(e) => setRule(i, { from: e.currentTarget.value || null })} /></td>
                      <td><input class="cell cell--date" type="date" aria-label={label(t('routing.col.to'))} value={r.to ?? ''} onChange={(e) => setRule(i, { to: e.currentTarget.value || null })} /></td>
                      <td>
                        <select aria-label={label(t('routing.col.competent'))} value={r.competent}
                          onChange={(e) => setRule(i, { competent: e.currentTarget.value as RoutingRule['competent'], competentUnit: e.currentTarget.value === 'fixed' ? r.competentUnit : null })}>
                          <option value="subject">{t('routing.competent.subject')}</option>
                          <option value="subjectDistrict">{t('routing.competent.subjectDistrict')}</option>
                          <option value="landBranch">{t('routing.competent.landBranch')}</option>
                          <option value="fixed">{t('routing.competent.fixed')}</option>
                        </select>
                      </td>
                      <td>
                        <input class="cell cell--short" aria-label={label(t('routing.col.competentUnit'))} value={r.competentUnit ?? ''} disabled={r.competent !== 'fixed'}
                          onChange={(e) => setRule(i, { competentUnit: e.currentTarget.value.trim() || null })} />
                      </td>
                      <td>
                        <select aria-label={label(t('routing.col.return'))} value={r.returnUnit ?? 'receiving'} onChange={(e) => setRule(i, { returnUnit: e.currentTarget.value })}>
                          <option value="receiving">{t('routing.return.receiving')}</option>
                          <option value="competent">{t('routing.return.competent')}</option>
                          {r.returnUnit && r.returnUnit !== 'receiving' && r.returnUnit !== 'competent' && <option value={r.returnUnit}>{r.returnUnit}</option>}
                        </select>
                      </td>
                      <td>
                        <select aria-label={label(t('routing.col.anywhere'))} value={r.receivableAnywhere === null ? '' : String(r.receivableAnywhere)}
                          onChange={(e) => setRule(i, { receivableAnywhere: e.currentTarget.value === '' ? null : e.currentTarget.value === 'true' })}>
                          <option value="">{t('routing.anywhere.catalogue')}</option>
                          <option value="true">{t('routing.anywhere.yes')}</option>
                          <option value="false">{t('routing.anywhere.no')}</option>
                        </select>
                      </td>
                      <td class="row-actions">
                        <button type="button" class="button button--small button--ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('routing.up', { row: i + 1 })}>↑</button>
                        <button type="button" class="button button--small button--ghost" disabled={i === table.rules.length - 1} onClick={() => move(i, 1)} aria-label={t('routing.down', { row: i + 1 })}>↓</button>
                        <button type="button" class="button button--small button--ghost" onClick={() => remove(i)} aria-label={t('routing.remove', { row: i + 1 })}>×</button>
                      </td>
                    </tr>
                    {mine.length > 0 && (
                      <tr key={`p${i}`} class="row-problems">
                        <td />
                        <td colSpan={13}>
                          <ul>{mine.map((p, k) => <li key={k} class={`problem problem--${p.severity}`}><ProblemLead severity={p.severity} />{p.message}</li>)}</ul>
                        </td>
                      </tr>
                    )}
                  </>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" class="button button--ghost" onClick={add}>+ {t('routing.addRow')}</button>
        {problems.filter((p) => !p.path.startsWith('$.rules[') && !p.path.startsWith('$.versionRules[')).map((p, k) => <Notice key={k} kind={p.severity === 'error' ? 'error' : 'warning'}>{p.message}</Notice>)}
        <div class="save-bar">
          <Field id="routing-note" label={t('routing.note')}>
            <input id="routing-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          <button type="button" class="button button--primary" disabled={busy || errors.length > 0} onClick={() => void save()} data-testid="routing-save">
            {busy ? t('common.saving') : t('routing.save')}
          </button>
          {errors.length > 0 && <span class="muted">{t('routing.fixErrors', { n: errors.length })}</span>}
        </div>
        {saved && <Notice kind="success"><span data-testid="routing-saved">{saved}</span></Notice>}
        {saveError && <Notice kind="error">{saveError}</Notice>}
      </section>

      <VersionRules table={table} problems={problems} onChange={(versionRules) => { setSaved(null); setTable({ ...table, versionRules }); }} />

      <div class="routing-side">
        <TryIt table={table} />
        <section class="panel">
          <h2>{t('routing.history')}</h2>
          <ul class="history">
            {versions.map((v) => (
              <li key={v.version}><span class="mono">v{v.version}</span> · {dateTime(v.savedAt)} · {v.savedBy}{v.note ? ` — ${v.note}` : ''}</li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

/** The version selection rules: first match per procedure chooses the process (and version) a new dossier runs on. */
function VersionRules({ table, problems, onChange }: { table: RoutingTable; problems: RoutingProblem[]; onChange: (rules: VersionRule[]) => void }) {
  const rules = table.versionRules;
  const set = (i: number, patch: Partial<VersionRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => onChange([...rules, { id: `version-${rules.length + 1}`, procedureCode: '', from: null, to: null, receivingUnits: [], competentUnits: [], processKey: '', processVersion: null, note: null }]);
  return (
    <section class="panel">
      <h2>{t('routing.versionRules')}</h2>
      <p class="muted small">{t('routing.versionRulesIntro')}</p>
      <div class="table-scroll">
        <table class="table routing-table" data-testid="version-rules">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('routing.col.id')}</th>
              <th scope="col">{t('routing.try.procedure')}</th>
              <th scope="col">{t('routing.col.from')}</th>
              <th scope="col">{t('routing.col.to')}</th>
              <th scope="col">{t('routing.col.receivingUnits')}</th>
              <th scope="col">{t('routing.col.competentUnits')}</th>
              <th scope="col">{t('routing.col.processKey')}</th>
              <th scope="col">{t('routing.col.processVersion')}</th>
              <th scope="col"><span class="sr-only">{t('routing.col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => {
              const label = (col: string) => t('routing.versionCellLabel', { row: i + 1, column: col });
              const mine = problems.filter((p) => p.path.startsWith(`$.versionRules[${i}]`));
              return (
                <>
                  <tr key={`v${i}`} class={mine.length ? 'row--error' : ''}>
                    <td class="num">{i + 1}</td>
                    <td><input class="cell cell--id" aria-label={label(t('routing.col.id'))} value={r.id} onChange={(e) => set(i, { id: e.currentTarget.value })} /></td>
                    <td><input class="cell" aria-label={label(t('routing.try.procedure'))} value={r.procedureCode} onChange={(e) => set(i, { procedureCode: e.currentTarget.value.trim() })} /></td>
                    <td><input class="cell cell--date" type="date" aria-label={label(t('routing.col.from'))} value={r.from ?? ''} onChange={(e) => set(i, { from: e.currentTarget.value || null })} /></td>
                    <td><input class="cell cell--date" type="date" aria-label={label(t('routing.col.to'))} value={r.to ?? ''} onChange={(e) => set(i, { to: e.currentTarget.value || null })} /></td>
                    <td><input class="cell" aria-label={label(t('routing.col.receivingUnits'))} value={r.receivingUnits.join(', ')} placeholder={t('routing.any')} onChange={(e) => set(i, { receivingUnits: splitList(e.currentTarget.value) })} /></td>
                    <td><input class="cell" aria-label={label(t('routing.col.competentUnits'))} value={r.competentUnits.join(', ')} placeholder={t('routing.any')} onChange={(e) => set(i, { competentUnits: splitList(e.currentTarget.value) })} /></td>
                    <td><input class="cell cell--id" aria-label={label(t('routing.col.processKey'))} value={r.processKey} onChange={(e) => set(i, { processKey: e.currentTarget.value.trim() })} /></td>
                    <td><input class="cell cell--short" type="number" min={1} aria-label={label(t('routing.col.processVersion'))} value={r.processVersion ?? ''} placeholder={t('routing.published')}
                      onChange={(e) => set(i, { processVersion: e.currentTarget.value ? Number(e.currentTarget.value) : null })} /></td>
                    <td><button type="button" class="button button--small button--ghost" onClick={() => onChange(rules.filter((_, j) => j !== i))} aria-label={t('routing.removeVersionRule', { row: i + 1 })}>×</button></td>
                  </tr>
                  {mine.length > 0 && (
                    <tr key={`vp${i}`} class="row-problems"><td /><td colSpan={9}><ul>{mine.map((p, k) => <li key={k} class="problem problem--error"><ProblemLead severity="error" />{p.message}</li>)}</ul></td></tr>
                  )}
                </>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" class="button button--ghost" onClick={add}>+ {t('routing.addVersionRule')}</button>
    </section>
  );
}

/** Routes a dossier by the table as edited (not yet saved), the same way the desk will once it is saved. */
function TryIt({ table }: { table: RoutingTable }) {
  const [procedureCode, setProcedureCode] = useState('1.000894');
  const [subject, setSubject] = useState('');
  const [parcel, setParcel] = useState('');
  const [applicantType, setApplicantType] = useState('citizen');
  const [channel, setChannel] = useState(1);
  const [receivingUnit, setReceivingUnit] = useState('20242');
  const [day, setDay] = useState(todayIso());
  const [result, setResult] = useState<RoutingResolution | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      const written = subject.trim();
      setResult(await routingApi.resolve({
        procedureCode: procedureCode.trim(), applicantType, channel, receivingUnit: receivingUnit.trim(),
        subject: /^\d+$/.test(written) ? { unitCode: written, parcel } : { unitName: written || undefined, parcel },
        at: `${day}T10:00:00+07:00`,
        table,
      }));
    } catch (x) {
      setError(problemText(x));
    }
  };

  return (
    <section class="panel try-it">
      <h2>{t('routing.tryIt')}</h2>
      <form onSubmit={(e) => void run(e)} class="grid-2">
        <Field id="try-procedure" label={t('routing.try.procedure')}>
          <input id="try-procedure" value={procedureCode} onInput={(e) => setProcedureCode(e.currentTarget.value)} />
        </Field>
        <Field id="try-subject" label={t('routing.try.subject')} hint={t('routing.try.subjectHint')}>
          <input id="try-subject" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        </Field>
        <Field id="try-parcel" label={t('desk.parcel')}>
          <input id="try-parcel" value={parcel} onInput={(e) => setParcel(e.currentTarget.value)} />
        </Field>
        <Field id="try-applicant" label={t('desk.applicantType')}>
          <select id="try-applicant" value={applicantType} onChange={(e) => setApplicantType(e.currentTarget.value)}>
            <option value="citizen">{t('applicantType.citizen')}</option>
            <option value="organisation">{t('applicantType.organisation')}</option>
            <option value="householdBusiness">{t('applicantType.householdBusiness')}</option>
          </select>
        </Field>
        <Field id="try-channel" label={t('desk.channel')}>
          <select id="try-channel" value={channel} onChange={(e) => setChannel(Number(e.currentTarget.value))}>
            <option value={1}>{t('channel.1')}</option>
            <option value={2}>{t('channel.2')}</option>
            <option value={3}>{t('channel.3')}</option>
          </select>
        </Field>
        <Field id="try-receiving" label={t('desk.receivingUnit')}>
          <input id="try-receiving" value={receivingUnit} onInput={(e) => setReceivingUnit(e.currentTarget.value)} />
        </Field>
        <Field id="try-day" label={t('routing.try.day')}>
          <input id="try-day" type="date" value={day} onInput={(e) => setDay(e.currentTarget.value)} />
        </Field>
        <div class="actions"><button type="submit" class="button" data-testid="try-run">{t('routing.try.run')}</button></div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {result && <RoutingResult result={result} testId="try-result" />}
    </section>
  );
}

/** The translated kind of a problem before the server's (English) sentence, so the row says what it is in the UI language. */
function ProblemLead({ severity }: { severity: string }) {
  return (
    <>
      <span aria-hidden="true">{severity === 'error' ? '⛔ ' : '⚠ '}</span>
      <strong>{severity === 'error' ? t('routing.problemError') : t('routing.problemWarning')}:</strong>{' '}
    </>
  );
}

function problemsOf(e: ApiError): RoutingProblem[] {
  const raw = e.problem.errors as unknown;
  if (!Array.isArray(raw)) return [{ path: '$', rule: null, message: problemText(e), severity: 'error' }];
  return (raw as { field?: string; elementId?: string; message: string }[]).map((x) => ({
    path: x.field ?? '$', rule: x.elementId ?? null, message: x.message, severity: 'error' as const,
  }));
}
