// The SLA dashboard for managers and leaders (scope: their units): a period, the report per unit and procedure with
// the on-time rate against the 95% target, XLSX/CSV downloads, the overdue and due-soon lists, the trend and the
// bottleneck view. A breach pushed by the notifications hub joins the overdue list without a reload.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Procedure } from '../api/types';
import { lang, t } from '../i18n';
import { isTyping } from '../shell/App';
import { useSession } from '../shell/session';
import { Loading, Notice } from '../shell/ui';
import { date } from '../shell/format';
import { BottleneckView } from './BottleneckView';
import { DeadlineList } from './DeadlineList';
import { listenForBreaches, type LiveState } from './live';
import { preset, type Preset } from './period';
import { reportsApi } from './reportsApi';
import { SlaTable } from './SlaTable';
import { TrendChart } from './TrendChart';
import type { BreachEvent, DeadlineItem, DeadlineLists, Period, SlaReport, SlaTrend } from './types';
import { problemText } from '../shell/problem';

const PRESETS: { kind: Preset; label: 'dashboard.month' | 'dashboard.last30' | 'dashboard.quarter' | 'dashboard.year' }[] = [
  { kind: 'month', label: 'dashboard.month' },
  { kind: 'last30', label: 'dashboard.last30' },
  { kind: 'quarter', label: 'dashboard.quarter' },
  { kind: 'year', label: 'dashboard.year' },
];
const REFRESH_MS = 60_000;

export function Dashboard() {
  const { me } = useSession();
  const [draft, setDraft] = useState<Period>(() => preset('month'));
  const [period, setPeriod] = useState<Period>(draft);
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [report, setReport] = useState<SlaReport | null>(null);
  const [trend, setTrend] = useState<SlaTrend | null>(null);
  const [lists, setLists] = useState<DeadlineLists | null>(null);
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [error, setError] = useState<Record<string, string[]> | string | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [announce, setAnnounce] = useState('');
  const [tick, setTick] = useState(0);

  useEffect(() => { api.procedures().then(setProcedures, () => undefined); }, []);

  const load = useCallback(async () => {
    try {
      const [r, tr, l] = await Promise.all([reportsApi.sla(period), reportsApi.trend(period, bucket), reportsApi.deadlines()]);
      setReport(r);
      setTrend(tr);
      setLists(l);
      setError(null);
    } catch (e) {
      const err = e as { errors?: Record<string, string[]>; message: string };
      setError(err.errors && Object.keys(err.errors).length ? err.errors : problemText(err));
    }
  }, [period, bucket]);

  useEffect(() => { void load(); }, [load, tick]);
  useEffect(() => {
    const h = setInterval(() => { if (document.visibilityState === 'visible') setTick((n) => n + 1); }, REFRESH_MS);
    return () => clearInterval(h);
  }, []);

  // A breach of one of my units' steps goes to the top of the overdue list at once (and out of due soon).
  const onBreach = useCallback((event: BreachEvent) => {
    if (!me.roles.includes('admin') && !me.units.some((u) => u.code === event.unitCode)) return;
    setLists((old) => {
      if (!old || old.overdue.some((i) => i.taskId === event.taskId)) return old;
      const known = old.dueSoon.find((i) => i.taskId === event.taskId);
      const item: DeadlineItem = known ?? {
        taskId: event.taskId, dossierCode: event.dossierCode, step: event.step, elementId: '', unit: event.unitCode,
        assignee: null, dueAt: event.dueAt, appointmentAt: null, procedureCode: '', applicantName: '',
      };
      return { ...old, overdue: [item, ...old.overdue], dueSoon: old.dueSoon.filter((i) => i.taskId !== event.taskId) };
    });
    setFresh((old) => new Set(old).add(event.taskId));
    setAnnounce(t('dashboard.breachAnnounce', { code: event.dossierCode, step: event.step }));
  }, [me]);

  // Back from a dropped connection: breaches pushed meanwhile were lost, so the lists are read again.
  useEffect(() => listenForBreaches(onBreach, setLive, () => setTick((n) => n + 1)), [onBreach]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'r') { e.preventDefault(); setTick((n) => n + 1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const procedureName = useMemo(() => {
    const names = new Map(procedures.map((p) => [p.code, lang() === 'en' && p.nameEn ? p.nameEn : p.name]));
    return (code: string) => names.get(code) ?? '';
    // The language is a dependency: switching VI/EN re-renders the screen, and the names must follow it.
  }, [procedures, lang()]);
  const bottleneckProcedures = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of procedures) if (!seen.has(p.code)) seen.set(p.code, lang() === 'en' && p.nameEn ? p.nameEn : p.name);
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [procedures, lang()]);

  const fieldErrors = typeof error === 'object' && error ? error : {};
  return (
    <div class="dashboard">
      <div class="page-head">
        <h1>{t('dashboard.title')}</h1>
        <span class={`live live--${live}`} data-live={live} role="status">{t(live === 'live' ? 'dashboard.live.live' : live === 'connecting' ? 'dashboard.live.connecting' : 'dashboard.live.offline')}</span>
        <button type="button" class="button button--ghost" onClick={() => setTick((n) => n + 1)} aria-keyshortcuts="r">{t('dashboard.refresh')}</button>
      </div>
      <div class="sr-only" aria-live="assertive">{announce}</div>

      <form class="panel period-picker" aria-label={t('dashboard.period')} onSubmit={(e) => { e.preventDefault(); setPeriod({ ...draft }); }}>
        <fieldset>
          <legend>{t('dashboard.period')}</legend>
          <div class="presets" role="group" aria-label={t('dashboard.presets')}>
            {PRESETS.map((p) => (
              <button key={p.kind} type="button" class="button button--small button--ghost"
                onClick={() => { const next = preset(p.kind); setDraft(next); setPeriod(next); }}>{t(p.label)}</button>
            ))}
          </div>
          <label for="sla-from">{t('dashboard.from')}</label>
          <input id="sla-from" type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            aria-invalid={fieldErrors.from ? true : undefined} />
          <label for="sla-to">{t('dashboard.to')}</label>
          <input id="sla-to" type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            aria-invalid={fieldErrors.to ? true : undefined} />
          <button type="submit" class="button">{t('dashboard.show')}</button>
          <a class="button button--ghost" href={reportsApi.exportUrl(period, 'xlsx')} download data-testid="download-xlsx">{t('dashboard.xlsx')}</a>
          <a class="button button--ghost" href={reportsApi.exportUrl(period, 'csv')} download data-testid="download-csv">{t('dashboard.csv')}</a>
        </fieldset>
      </form>
      {error && <Notice kind="error">{typeof error === 'string' ? error : Object.values(error).flat().join(' ')}</Notice>}

      <section class="panel panel--flush" aria-labelledby="sla-title">
        <div class="section-head">
          <h2 id="sla-title">{t('dashboard.report', { from: date(period.from), to: date(period.to) })}</h2>
          {report && <span class="muted small">{t('dashboard.target', { target: Math.round(report.target * 100) })}</span>}
        </div>
        {!report ? <Loading /> : report.rows.length === 0 ? <p class="empty">{t('dashboard.noData')}</p> : <SlaTable report={report} procedureName={procedureName} />}
      </section>

      <div class="dashboard-lists">
        {lists && <DeadlineList id="overdue" title={t('dashboard.overdueNow')} items={lists.overdue} fresh={fresh} empty={t('dashboard.noneOverdue')} />}
        {lists && <DeadlineList id="due-soon" title={t('dashboard.dueSoon')} items={lists.dueSoon} fresh={fresh} empty={t('dashboard.noneDueSoon')} />}
      </div>

      <section class="panel" aria-labelledby="trend-title">
        <div class="section-head">
          <h2 id="trend-title">{t('dashboard.trend')}</h2>
          <div role="group" aria-label={t('dashboard.bucket')} class="segmented">
            <button type="button" aria-pressed={bucket === 'day'} onClick={() => setBucket('day')}>{t('dashboard.perDay')}</button>
            <button type="button" aria-pressed={bucket === 'week'} onClick={() => setBucket('week')}>{t('dashboard.perWeek')}</button>
          </div>
        </div>
        {trend && report ? <TrendChart trend={trend} target={report.target} /> : <Loading />}
      </section>

      {bottleneckProcedures.length > 0 && <BottleneckView procedures={bottleneckProcedures} reload={tick} />}
    </div>
  );
}
