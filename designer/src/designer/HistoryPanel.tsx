// Version history of a key: who published what and when, with the change note; open a version read-only or pick two
// to compare.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { designerApi, type HistoryEntry } from './api';

export function HistoryPanel({ definitionKey, tick, onOpen, onCompare }: {
  definitionKey: string; tick?: number; onOpen: (version: number) => void; onCompare: (older: number, newer: number) => void;
}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  useEffect(() => {
    designerApi.history(definitionKey).then(setEntries, () => setEntries([]));
  }, [definitionKey, tick]);
  const toggle = (v: number) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v].slice(-2)));
  const [a, b] = [...picked].sort((x, y) => x - y);
  return (
    <section class="history" aria-label={t('designer.history.title')}>
      <h2>{t('designer.history.title')}</h2>
      {entries === null ? <p class="muted">{t('common.loading')}</p> : entries.length === 0 ? <p class="muted">{t('designer.history.none')}</p> : (
        <>
          <table class="table history-table">
            <thead>
              <tr>
                <th scope="col">{t('designer.history.compare')}</th>
                <th scope="col">{t('designer.history.version')}</th>
                <th scope="col">{t('designer.history.status')}</th>
                <th scope="col">{t('designer.history.published')}</th>
                <th scope="col">{t('designer.history.note')}</th>
                <th scope="col"><span class="sr-only">{t('designer.history.open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.version} data-version={e.version}>
                  <td><input type="checkbox" checked={picked.includes(e.version)} onChange={() => toggle(e.version)}
                    aria-label={t('designer.history.pick', { version: e.version })} /></td>
                  <td>v{e.version}</td>
                  <td><span class={`badge version-${e.status}`}>{t(`designer.status.${e.status}` as never) || e.status}</span></td>
                  <td>{e.publishedAt ? `${e.publishedBy ?? '—'} · ${dateTime(e.publishedAt)}` : '—'}</td>
                  <td class="history-note">{e.changeNote ?? ''}</td>
                  <td><button type="button" class="button button--small" onClick={() => onOpen(e.version)}>{t('designer.history.open')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" class="button" disabled={a === undefined || b === undefined} data-testid="compare"
            onClick={() => a !== undefined && b !== undefined && onCompare(a, b)}>
            {t('designer.history.compareButton')}
          </button>
        </>
      )}
    </section>
  );
}
