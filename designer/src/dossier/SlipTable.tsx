// The process control slip: one row per handover (from/to unit and user, time, step, grade, note).
import type { SlipRow } from '../api/types';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { GradeBadge } from '../shell/ui';
import { Person } from '../shell/names';

export function SlipTable({ rows, unitName }: { rows: SlipRow[]; unitName: (code: string | null, fallbackName?: string) => string }) {
  if (rows.length === 0) return <p class="muted">{t('slip.empty')}</p>;
  return (
    <table class="table slip-table" data-testid="slip-table">
      <caption class="sr-only">{t('slip.title')}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('slip.from')}</th>
          <th scope="col">{t('slip.to')}</th>
          <th scope="col">{t('slip.at')}</th>
          <th scope="col">{t('slip.step')}</th>
          <th scope="col">{t('slip.grade')}</th>
          <th scope="col">{t('slip.note')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-slip-row={i} data-grade={r.grade ?? ''}>
            <td class="num">{i + 1}</td>
            <td>{unitName(r.fromUnit)}{r.fromUser && <div class="small"><Person user={r.fromUser} display={r.fromUserDisplayName} /></div>}</td>
            <td>{unitName(r.toUnit)}{r.toUser && <div class="small"><Person user={r.toUser} display={r.toUserDisplayName} /></div>}</td>
            <td class="nowrap">{dateTime(r.at)}</td>
            <td>{r.step}</td>
            <td><GradeBadge grade={r.grade} /></td>
            <td>{r.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
