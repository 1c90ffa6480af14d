// The problems of the model being edited: the server's validation (errors block publishing) and bpmnlint's style
// findings. Each names its element; clicking it selects the element on the diagram.
import { t } from '../i18n';
import type { Problem } from './api';

export interface ListedProblem extends Problem { source: 'server' | 'lint' }

export function ProblemList({ problems, checking, onSelect }: { problems: ListedProblem[]; checking: boolean; onSelect: (id: string | null) => void }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <section class="problems" aria-live="polite" aria-label={t('designer.problems.title')}>
      <h2>
        {t('designer.problems.title')}{' '}
        <span class="problems-count" data-testid="error-count">{t('designer.problems.count', { errors, warnings: problems.length - errors })}</span>
        {checking && <span class="muted"> · {t('designer.problems.checking')}</span>}
      </h2>
      {problems.length === 0 ? <p class="muted">{t('designer.problems.none')}</p> : (
        <ul>
          {problems.map((p, i) => (
            <li key={i} class={`problem problem--${p.severity}`}>
              <button type="button" class="problem-button" data-element-id={p.elementId ?? ''} onClick={() => onSelect(p.elementId)}>
                <span class="problem-severity">{p.severity === 'error' ? t('designer.problems.error') : t('designer.problems.warning')}</span>
                <span class="problem-element">{p.elementId ?? '—'}</span>
                <span class="problem-message">{p.message}</span>
                <span class="problem-source">{p.source === 'server' ? t('designer.problems.server') : 'bpmnlint'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
