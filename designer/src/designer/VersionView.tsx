// One published (or retired) version, read-only: pan and zoom, nothing editable.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { navigate } from '../shell/router';
import { designerApi } from './api';
import { createViewer } from './modeler';
import { HistoryPanel } from './HistoryPanel';
import { problemText } from '../shell/problem';

export function VersionView({ definitionKey, version }: { definitionKey: string; version: number }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const viewer = createViewer(container.current!);
    designerApi.versionXml(definitionKey, version)
      .then((xml) => viewer.importXML(xml))
      .then(() => viewer.get<{ zoom(v: string): void }>('canvas').zoom('fit-viewport'))
      .catch((e: unknown) => setError(problemText(e)));
    return () => viewer.destroy();
  }, [definitionKey, version]);
  return (
    <div class="designer">
      <div class="designer-toolbar">
        <h1 class="designer-title">{definitionKey} <span class="muted">v{version} · {t('designer.readOnly')}</span></h1>
        <a class="button" href={`#/designer/${encodeURIComponent(definitionKey)}`}>{t('designer.edit')}</a>
        <a class="button button--ghost" href="#/designer">{t('designer.backToList')}</a>
      </div>
      {error && <div class="notice notice--error" role="alert">{error}</div>}
      <div class="designer-canvas designer-canvas--full" ref={container} data-testid="viewer" tabIndex={0} aria-label={t('designer.canvas')} />
      <HistoryPanel definitionKey={definitionKey} onOpen={(v) => navigate({ name: 'designer', key: definitionKey, version: v })}
        onCompare={(a, b) => navigate({ name: 'designer', key: definitionKey, compare: [a, b] })} />
    </div>
  );
}
