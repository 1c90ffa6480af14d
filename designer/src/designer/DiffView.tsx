// Two versions side by side with bpmn-js-differ's result on the diagrams: removed and changed elements marked on the
// older version, added and changed ones on the newer, and the same list in words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { diff } from 'bpmn-js-differ';
import { t } from '../i18n';
import { designerApi } from './api';
import { createViewer } from './modeler';
import { problemText } from '../shell/problem';

interface Change { id: string; kind: 'added' | 'removed' | 'changed' | 'layout'; name: string; details?: string }
type AttrChanges = Record<string, { oldValue: unknown; newValue: unknown }>;

const show = (v: unknown) => (v === undefined || v === null || v === '' ? '∅' : typeof v === 'object' ? ((v as { id?: string }).id ?? '…') : String(v));
interface Canvas { addMarker(id: string, cls: string): void; zoom(v: string): void }
interface Registry { get(id: string): unknown }

function nameOf(element: unknown): string {
  const e = element as { name?: string; $type?: string } | undefined;
  return e?.name || e?.$type?.replace('bpmn:', '') || '';
}

export function DiffView({ definitionKey, older, newer }: { definitionKey: string; older: number; newer: number }) {
  const left = useRef<HTMLDivElement>(null);
  const right = useRef<HTMLDivElement>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const a = createViewer(left.current!);
    const b = createViewer(right.current!);
    (async () => {
      const [xmlA, xmlB] = await Promise.all([designerApi.versionXml(definitionKey, older), designerApi.versionXml(definitionKey, newer)]);
      await a.importXML(xmlA);
      await b.importXML(xmlB);
      const result = diff(a.getDefinitions(), b.getDefinitions());
      const list: Change[] = [];
      const mark = (viewer: typeof a, id: string, cls: string) => {
        if (viewer.get<Registry>('elementRegistry').get(id)) viewer.get<Canvas>('canvas').addMarker(id, cls);
      };
      for (const [id, el] of Object.entries(result._removed)) { mark(a, id, 'diff-removed'); list.push({ id, kind: 'removed', name: nameOf(el) }); }
      for (const [id, el] of Object.entries(result._added)) { mark(b, id, 'diff-added'); list.push({ id, kind: 'added', name: nameOf(el) }); }
      for (const [id, change] of Object.entries(result._changed)) {
        mark(a, id, 'diff-changed'); mark(b, id, 'diff-changed');
        const { model, attrs } = change as { model?: unknown; attrs?: AttrChanges };
        // bpmn-js-differ 3.2 hands jsondiffpatch's [old, new] to ChangeHandler#changed(model, key, newValue, oldValue),
        // so its `newValue` holds the older version's value and `oldValue` the newer one's.
        const details = Object.entries(attrs ?? {}).map(([name, c]) => `${name}: ${show(c.newValue)} → ${show(c.oldValue)}`).join('; ');
        list.push({ id, kind: 'changed', name: nameOf(model), details });
      }
      for (const id of Object.keys(result._layoutChanged)) {
        if (result._changed[id]) continue;
        mark(a, id, 'diff-layout'); mark(b, id, 'diff-layout');
        list.push({ id, kind: 'layout', name: '' });
      }
      a.get<Canvas>('canvas').zoom('fit-viewport');
      b.get<Canvas>('canvas').zoom('fit-viewport');
      setChanges(list);
    })().catch((e: unknown) => setError(problemText(e)));
    return () => { a.destroy(); b.destroy(); };
  }, [definitionKey, older, newer]);

  return (
    <div class="designer">
      <div class="designer-toolbar">
        <h1 class="designer-title">{t('designer.diff.title', { key: definitionKey, a: older, b: newer })}</h1>
        <a class="button button--ghost" href={`#/designer/${encodeURIComponent(definitionKey)}`}>{t('designer.edit')}</a>
      </div>
      {error && <div class="notice notice--error" role="alert">{error}</div>}
      <div class="diff-legend" aria-hidden="true">
        <span class="diff-swatch diff-swatch--added" /> {t('designer.diff.added')}
        <span class="diff-swatch diff-swatch--removed" /> {t('designer.diff.removed')}
        <span class="diff-swatch diff-swatch--changed" /> {t('designer.diff.changed')}
        <span class="diff-swatch diff-swatch--layout" /> {t('designer.diff.layout')}
      </div>
      <div class="diff-panes">
        <figure><figcaption>v{older}</figcaption><div class="designer-canvas" ref={left} data-testid="diff-older" tabIndex={0} /></figure>
        <figure><figcaption>v{newer}</figcaption><div class="designer-canvas" ref={right} data-testid="diff-newer" tabIndex={0} /></figure>
      </div>
      <section class="panel">
        <h2>{t('designer.diff.changes')}</h2>
        {changes === null ? <p class="muted">{t('common.loading')}</p> : changes.length === 0 ? <p>{t('designer.diff.none')}</p> : (
          <ul class="diff-list" data-testid="diff-list">
            {changes.map((c) => (
              <li key={`${c.kind}-${c.id}`} class={`diff-item diff-item--${c.kind}`} data-element-id={c.id} data-kind={c.kind}>
                <strong>{t(`designer.diff.${c.kind}` as never)}</strong> {c.id}{c.name ? ` (${c.name})` : ''}
                {c.details && <span class="diff-details"> — {c.details}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
