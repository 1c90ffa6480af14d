// A read-only BPMN diagram with markers. bpmn-js is imported only when a diagram is first shown, so screens without
// one (inbox, desk) never download it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/** Element ids to mark: the path taken (from history), where tokens stand now, where incidents stopped them. */
export interface Highlights {
  visited: string[];
  active: string[];
  incidents: string[];
}

interface Registry {
  get(id: string): unknown;
  filter(fn: (element: DiagramElement) => boolean): DiagramElement[];
}
interface DiagramElement {
  id: string;
  type: string;
  businessObject: { sourceRef?: { id: string }; targetRef?: { id: string } };
}
interface Canvas {
  zoom(level: 'fit-viewport' | number): void;
  addMarker(id: string, marker: string): void;
}

export function Diagram({ xml, highlights, label }: { xml: string; highlights: Highlights; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState('');
  const markerKey = JSON.stringify(highlights);

  useEffect(() => {
    let viewer: { destroy(): void } | null = null;
    let cancelled = false;
    setState('loading');
    (async () => {
      const [{ default: NavigatedViewer }] = await Promise.all([
        import('bpmn-js/lib/NavigatedViewer'),
        import('bpmn-js/dist/assets/diagram-js.css'),
        import('bpmn-js/dist/assets/bpmn-js.css'),
      ]);
      if (cancelled || !host.current) return;
      const created = new NavigatedViewer({ container: host.current });
      viewer = created;
      await created.importXML(xml);
      if (cancelled) return;
      const canvas = created.get<Canvas>('canvas');
      const registry = created.get<Registry>('elementRegistry');
      canvas.zoom('fit-viewport');
      const visited = new Set(highlights.visited);
      const mark = (ids: Iterable<string>, marker: string) => {
        for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
      };
      mark(visited, 'wh-visited');
      // History records elements, not flows: a flow counts as taken when both its ends ran.
      for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow')) {
        const { sourceRef, targetRef } = flow.businessObject;
        if (sourceRef && targetRef && visited.has(sourceRef.id) && visited.has(targetRef.id)) canvas.addMarker(flow.id, 'wh-visited');
      }
      mark(highlights.active, 'wh-active');
      mark(highlights.incidents, 'wh-incident');
      setState('ready');
    })().catch((e: unknown) => {
      if (cancelled) return;
      setError(e instanceof Error ? e.message : String(e));
      setState('failed');
    });
    return () => {
      cancelled = true;
      viewer?.destroy();
    };
  }, [xml, markerKey]);

  return (
    <div class="diagram-wrap">
      <div class="diagram" ref={host} role="img" aria-label={label} data-testid="diagram" data-state={state} />
      {state === 'loading' && <p class="loading" role="status">{t('common.loading')}</p>}
      {state === 'failed' && <p class="field-error" role="alert">{t('viewer.diagramFailed', { detail: error })}</p>}
      <ul class="diagram-legend small" aria-label={t('viewer.legend')}>
        <li><span class="swatch swatch--active" aria-hidden="true" /> {t('viewer.legendActive')}</li>
        <li><span class="swatch swatch--visited" aria-hidden="true" /> {t('viewer.legendVisited')}</li>
        <li><span class="swatch swatch--incident" aria-hidden="true" /> {t('viewer.legendIncident')}</li>
      </ul>
    </div>
  );
}
