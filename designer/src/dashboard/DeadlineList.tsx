// A list of open steps (overdue, or due within one working day), each linking to its dossier and its control slip.
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { href } from '../shell/router';
import type { DeadlineItem } from './types';

export function DeadlineList({ id, title, items, fresh, empty }: { id: string; title: string; items: DeadlineItem[]; fresh: Set<string>; empty: string }) {
  return (
    <section class="panel deadline-list" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title} <span class="count" data-count={items.length}>{items.length}</span></h2>
      {items.length === 0 ? <p class="empty">{empty}</p> : (
        <ul>
          {items.map((item) => (
            <li key={item.taskId} data-task={item.taskId} data-dossier={item.dossierCode} class={fresh.has(item.taskId) ? 'fresh' : undefined}>
              <a class="mono" href={href({ name: 'dossier', code: item.dossierCode })}>{item.dossierCode}</a>
              <span class="step">{item.step}</span>
              <span class="muted small">{item.applicantName}</span>
              <span class="due">{t('dashboard.dueAt', { at: dateTime(item.dueAt) })}</span>
              <a class="small" href={href({ name: 'print', code: item.dossierCode, slip: 'control' })}
                aria-label={t('dashboard.slipOf', { code: item.dossierCode })}>{t('dashboard.slip')}</a>
              {fresh.has(item.taskId) && <span class="badge badge--live">{t('dashboard.new')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
