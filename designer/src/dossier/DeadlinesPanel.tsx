// The dossier's deadlines after receipt: the appointment first promised and the current one, the pauses of the
// clock, every deadline that moved and why, and the one apology with a new date a late dossier may get.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Dossier } from '../api/types';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { href } from '../shell/router';
import { hasRole, useSession } from '../shell/session';
import { describedBy, Field, Notice } from '../shell/ui';
import { CalendarName, Person, personName } from '../shell/names';
import { problemText } from '../shell/problem';

/** `datetime-local` value (Vietnam time) → ISO instant with the +07:00 offset the server expects. */
export function vnLocalToIso(local: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+07:00` : null;
}

function causeText(cause: string): string {
  return cause === 'pause' ? t('deadlines.cause.pause') : cause === 'extension' ? t('deadlines.cause.extension') : t('deadlines.cause.calendar');
}

export function DeadlinesPanel({ dossier, onChange }: { dossier: Dossier; onChange: (d: Dossier) => void }) {
  const { me } = useSession();
  const d = dossier;
  const canApologise = hasRole(me, 'reception', 'officer', 'leader', 'admin') && !d.extension && !d.finishedAt && !!d.appointmentAt
    && new Date(d.appointmentAt).getTime() > Date.now();
  const [open, setOpen] = useState(false);
  const [newAt, setNewAt] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setFailure(null);
    const iso = vnLocalToIso(newAt);
    const local: Record<string, string[]> = {};
    if (!iso) local.newAppointmentAt = [t('deadlines.newAtRequired')];
    if (!reason.trim()) local.reason = [t('deadlines.reasonRequired')];
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    try {
      onChange(await api.extend(d.code, iso!, reason.trim()));
      setOpen(false);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.errors).length) setErrors(err.errors);
      else setFailure(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" data-testid="deadlines">
      <h2>{t('deadlines.title')}</h2>
      <dl class="facts">
        <dt>{t('deadlines.original')}</dt><dd>{dateTime(d.originalAppointmentAt)}</dd>
        <dt>{t('deadlines.current')}</dt><dd><strong>{dateTime(d.appointmentAt)}</strong></dd>
        {d.appointmentCalendar && <><dt>{t('deadlines.calendar')}</dt><dd><CalendarName label={d.appointmentCalendarLabel} recorded={d.appointmentCalendar} /></dd></>}
      </dl>
      {d.pauses.length > 0 && (
        <>
          <h3>{t('deadlines.pauses')}</h3>
          <ul class="plain" data-testid="pauses">
            {d.pauses.map((p, i) => (
              <li key={i}>{p.reason === 'payment' ? t('deadlines.pause.payment') : t('deadlines.pause.supplement')}: {dateTime(p.startedAt)} → {p.endedAt ? dateTime(p.endedAt) : t('deadlines.pausedNow')}</li>
            ))}
          </ul>
        </>
      )}
      {d.deadlineChanges.length > 0 && (
        <>
          <h3>{t('deadlines.changes')}</h3>
          <table class="table small" data-testid="deadline-changes">
            <thead><tr><th>{t('deadlines.what')}</th><th>{t('deadlines.cause')}</th><th>{t('deadlines.from')}</th><th>{t('deadlines.to')}</th><th>{t('deadlines.at')}</th></tr></thead>
            <tbody>
              {d.deadlineChanges.map((c, i) => (
                <tr key={i}>
                  <td>{c.taskId ? d.tasks.find((x) => x.id === c.taskId)?.name ?? t('deadlines.step') : t('deadlines.appointment')}</td>
                  <td>{causeText(c.cause)}</td>
                  <td>{dateTime(c.oldDueAt)}</td>
                  <td>{dateTime(c.newDueAt)}</td>
                  <td>{dateTime(c.at)}{c.by && <> · <Person user={c.by} display={c.byDisplayName} /></>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {d.extension && (
        <div data-testid="extension">
          <Notice kind="warning">{t('deadlines.extended', { at: dateTime(d.extension.at), by: personName(d.extension.by, d.extension.byDisplayName) })}</Notice>
          <p>{t('deadlines.reason')}: {d.extension.reason}</p>
          <a class="button" href={href({ name: 'print', code: d.code, slip: 'apology' })}>{t('print.apology')}</a>
        </div>
      )}
      {canApologise && !open && (
        <button type="button" class="button" onClick={() => setOpen(true)} data-testid="apologise">{t('deadlines.apologise')}</button>
      )}
      {canApologise && open && (
        <form onSubmit={submit} class="stack" data-testid="extension-form" noValidate>
          <p class="muted small">{t('deadlines.onceHint')}</p>
          <Field id="ext-new-at" label={t('deadlines.newAt')} required error={errors.newAppointmentAt}>
            <input id="ext-new-at" type="datetime-local" value={newAt} onInput={(e) => setNewAt(e.currentTarget.value)} {...describedBy('ext-new-at', errors.newAppointmentAt)} />
          </Field>
          <Field id="ext-reason" label={t('deadlines.reason')} required error={errors.reason} wide>
            <textarea id="ext-reason" rows={3} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...describedBy('ext-reason', errors.reason)} />
          </Field>
          {failure && <Notice kind="error">{failure}</Notice>}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy}>{t('deadlines.issue')}</button>
            <button type="button" class="button button--ghost" onClick={() => setOpen(false)}>{t('deadlines.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
