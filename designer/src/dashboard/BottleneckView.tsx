// Where dossiers wait: the procedure's diagram (bpmn-js viewer, loaded lazily) with, on each task, the open steps,
// the median time spent and how many are overdue; the same figures in a table for the keyboard and screen readers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from '../i18n';
import { Notice } from '../shell/ui';
import { decimal } from '../shell/format';
import { reportsApi } from './reportsApi';
import type { Bottleneck, BottleneckElement } from './types';
import { problemText } from '../shell/problem';

function hours(h: number): string {
  return h >= 48 ? t('dashboard.days', { n: decimal(h / 24, 1, lang()) }) : t('dashboard.hours', { n: decimal(h, 1, lang()) });
}

export function badgeText(e: BottleneckElement): string {
  return t('dashboard.badge', { open: e.open, median: hours(e.medianHoursSpent), overdue: e.overdue });
}

export function BottleneckView({ procedures, reload }: { procedures: { code: string; name: string }[]; reload: number }) {
  const [procedure, setProcedure] = useState(procedures[0]?.code ?? '');
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [data, setData] = useState<Bottleneck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canvas = useRef<HTMLDivElement>(null);

  useEffect(() => { if (!procedure && procedures[0]) setProcedure(procedures[0].code); }, [procedures, procedure]);

  useEffect(() => {
    if (!procedure) return;
    let cancelled = false;
    reportsApi.bottlenecks(procedure, version).then((b) => { if (!cancelled) { setData(b); setError(null); } },
      (e: unknown) => { if (!cancelled) { setData(null); setError(problemText(e)); } });
    return () => { cancelled = true; };
  }, [procedure, version, reload]);

  useEffect(() => {
    if (!data || !canvas.current) return;
    let dispose: (() => void) | undefined;
    let cancelled = false;
    const container = canvas.current;
    void (async () => {
      try {
        const [xml, diagram] = await Promise.all([reportsApi.definitionXml(data.definitionKey, data.version), import('./diagram')]);
        if (cancelled) return;
        container.replaceChildren();
        dispose = await diagram.drawBottlenecks(container, xml, data.elements, badgeText);
      } catch (e) {
        if (!cancelled) setError(problemText(e));
      }
    })();
    return () => { cancelled = true; dispose?.(); };
    // Redrawn in the new language too: the badges are text of the screen's language.
  }, [data, lang()]);

  return (
    <section class="panel bottleneck" aria-labelledby="bottleneck-title" data-testid="bottleneck">
      <div class="section-head">
        <h2 id="bottleneck-title">{t('dashboard.bottleneck')}</h2>
        <label for="bn-procedure">{t('dashboard.procedure')}</label>
        <select id="bn-procedure" value={procedure} onChange={(e) => { setProcedure(e.currentTarget.value); setVersion(undefined); }}>
          {procedures.map((p) => <option key={p.code} value={p.code}>{p.code} · {p.name}</option>)}
        </select>
        {data && data.versions.length > 1 && (
          <>
            <label for="bn-version">{t('dashboard.version')}</label>
            <select id="bn-version" value={String(data.version)} onChange={(e) => setVersion(Number(e.currentTarget.value))}>
              {data.versions.map((v) => <option key={v} value={String(v)}>{v}</option>)}
            </select>
          </>
        )}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <div class="bn-canvas" ref={canvas} aria-hidden="true" />
      {data && (
        <table class="table bn-table">
          <caption class="sr-only">{t('dashboard.bottleneck')}</caption>
          <thead><tr><th scope="col">{t('dashboard.step')}</th><th scope="col" class="num">{t('dashboard.open')}</th><th scope="col" class="num">{t('dashboard.median')}</th><th scope="col" class="num">{t('dashboard.overdue')}</th></tr></thead>
          <tbody>
            {data.elements.map((e) => (
              <tr key={e.elementId} data-element={e.elementId}>
                <td>{e.name ?? e.elementId}</td><td class="num">{e.open}</td><td class="num">{hours(e.medianHoursSpent)}</td>
                <td class={`num${e.overdue ? ' rate--below' : ''}`}>{e.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.elements.length === 0 && <p class="empty">{t('dashboard.noOpenSteps')}</p>}
    </section>
  );
}
