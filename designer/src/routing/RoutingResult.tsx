// What routing decided, as the desk, the "try it" box and the dossier page show it: units, the deciding row, the
// explanation line by line, or the refusal with the competent centre and candidates.
import { t } from '../i18n';
import { Notice } from '../shell/ui';
import type { RoutingResolution, UnitRef } from './api';

const unit = (u: UnitRef | null | undefined) => (u ? `${u.name ?? ''} (${u.code})` : '—');

export function RoutingResult({ result, testId }: { result: RoutingResolution; testId?: string }) {
  return (
    <div class="routing-result" data-testid={testId}>
      {result.allowed ? (
        <dl class="facts compact">
          <dt>{t('routing.competent')}</dt>
          <dd data-testid="routing-competent">{unit(result.competentUnit)}</dd>
          <dt>{t('routing.return')}</dt>
          <dd>{unit(result.returnUnit)}</dd>
          <dt>{t('routing.rule')}</dt>
          <dd class="mono" data-testid="routing-rule">{result.rule ? `${result.rule.id} · v${result.rule.version}` : '—'}</dd>
          {result.process && (
            <>
              <dt>{t('routing.process')}</dt>
              <dd class="mono">{result.process.key}{result.process.rule ? ` (${result.process.rule})` : ''}</dd>
            </>
          )}
        </dl>
      ) : (
        <Notice kind="error">
          <strong>{t('routing.refused')}</strong> {result.refusal?.reason}
          {result.refusal?.candidates && result.refusal.candidates.length > 0 && (
            <ul>
              {result.refusal.candidates.map((c) => <li key={c.unit.code}>{unit(c.unit)}{c.partNote ? ` — ${c.partNote}` : ''}</li>)}
            </ul>
          )}
        </Notice>
      )}
      <details open>
        <summary>{t('routing.why')}</summary>
        <ol class="explanation">
          {result.explanation.map((line, i) => <li key={i}>{line}</li>)}
        </ol>
      </details>
    </div>
  );
}
