// The report table: one row per unit and procedure, the on-time rate against the target, a total row.
import { lang, t } from '../i18n';
import { date, percent } from '../shell/format';
import { useUnitNames } from '../shell/units';
import type { SlaReport, SlaRow } from './types';

export function rate(row: Pick<SlaRow, 'early' | 'onTime' | 'late'>): number | null {
  const finished = row.early + row.onTime + row.late;
  return finished === 0 ? null : (row.early + row.onTime) / finished;
}

function RateCell({ value, target }: { value: number | null; target: number }) {
  if (value === null) return <td class="num muted">—</td>;
  const below = value < target;
  return (
    <td class={`num rate ${below ? 'rate--below' : 'rate--met'}`} data-rate={value.toFixed(4)}>
      {percent(value, lang())}
      <span class="sr-only"> {below ? t('dashboard.belowTarget') : t('dashboard.metTarget')}</span>
      <span aria-hidden="true"> {below ? '▼' : '✓'}</span>
    </td>
  );
}

export function SlaTable({ report, procedureName }: { report: SlaReport; procedureName: (code: string) => string }) {
  const { title } = useUnitNames();
  const sum = (k: keyof SlaRow) => report.rows.reduce((s, r) => s + (r[k] as number), 0);
  const total = { early: sum('early'), onTime: sum('onTime'), late: sum('late') };
  return (
    <table class="table sla-table" data-testid="sla-table">
      <caption class="sr-only">{t('dashboard.tableCaption', { from: date(report.from), to: date(report.to) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.unit')}</th>
          <th scope="col">{t('dashboard.procedure')}</th>
          <th scope="col" class="num">{t('dashboard.carriedOver')}</th>
          <th scope="col" class="num">{t('dashboard.received')}</th>
          <th scope="col" class="num">{t('dashboard.inProgress')}</th>
          <th scope="col" class="num">{t('dashboard.paused')}</th>
          <th scope="col" class="num">{t('dashboard.early')}</th>
          <th scope="col" class="num">{t('dashboard.onTime')}</th>
          <th scope="col" class="num">{t('dashboard.late')}</th>
          <th scope="col" class="num">{t('dashboard.onTimeRate')}</th>
        </tr>
      </thead>
      <tbody>
        {report.rows.map((r) => (
          <tr key={`${r.unit}/${r.procedure}`} data-unit={r.unit} data-procedure={r.procedure}>
            <td>{title(r.unit)}</td>
            <td class="clip" title={procedureName(r.procedure)}><span class="mono">{r.procedure}</span> {procedureName(r.procedure)}</td>
            <td class="num">{r.carriedOver}</td>
            <td class="num">{r.received}</td>
            <td class="num">{r.inProgress}</td>
            <td class="num">{r.paused}</td>
            <td class="num">{r.early}</td>
            <td class="num">{r.onTime}</td>
            <td class="num">{r.late}</td>
            <RateCell value={r.onTimeRate} target={report.target} />
          </tr>
        ))}
      </tbody>
      {report.rows.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>{t('dashboard.total')}</th>
            <td class="num">{sum('carriedOver')}</td>
            <td class="num">{sum('received')}</td>
            <td class="num">{sum('inProgress')}</td>
            <td class="num">{sum('paused')}</td>
            <td class="num">{total.early}</td>
            <td class="num">{total.onTime}</td>
            <td class="num">{total.late}</td>
            <RateCell value={rate(total)} target={report.target} />
          </tr>
        </tfoot>
      )}
    </table>
  );
}
