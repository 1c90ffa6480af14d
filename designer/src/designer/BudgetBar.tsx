// The budget check: the longest path's step budgets against the procedure's statutory limit (server-computed).
import { t } from '../i18n';
import type { Budget } from './api';

const fmt = (hours: number) => (hours % 8 === 0 ? t('designer.budget.days', { n: hours / 8 }) : t('designer.budget.hours', { n: hours }));

export function BudgetBar({ budget }: { budget: Budget | null }) {
  if (!budget) return <div class="budget muted" data-testid="budget">{t('designer.budget.unknown')}</div>;
  const over = !budget.fits;
  const pct = budget.limitHours ? Math.min(100, Math.round((budget.hours / budget.limitHours) * 100)) : 0;
  return (
    <div class={`budget${over ? ' budget--over' : ''}`} data-testid="budget" data-fits={String(budget.fits)}>
      <strong>{t('designer.budget.title')}</strong>{' '}
      {budget.limitHours === null
        ? t('designer.budget.noProcedure', { total: fmt(budget.hours) })
        : t('designer.budget.against', { total: fmt(budget.hours), limit: fmt(budget.limitHours), code: budget.procedureCode ?? '' })}
      {budget.limitHours !== null && (
        <span class="budget-meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('designer.budget.title')}>
          <span style={{ width: `${pct}%` }} />
        </span>
      )}
      {over && <span class="budget-warning"> {t('designer.budget.over')}</span>}
      {budget.path.length > 0 && <div class="muted budget-path">{t('designer.budget.path')}: {budget.path.join(' → ')}</div>}
    </div>
  );
}
