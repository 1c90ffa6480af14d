// The designer's start: every definition key (published or latest version) and the saved drafts; open one, start a
// new procedure, or import a .bpmn file as a new draft.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { dateTime } from '../shell/format';
import { navigate } from '../shell/router';
import { designerApi, type DefinitionSummary, type DraftSummary } from './api';
import { readFile } from './files';
import { problemText } from '../shell/problem';

const KEY_PATTERN = '[A-Za-z][A-Za-z0-9_.\\-]{0,199}';

/** The process id of a BPMN document, read in the browser (the first process element). */
export function processIdOf(xml: string): string | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const process = doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process')[0];
  return process?.getAttribute('id') ?? null;
}

export function DefinitionList() {
  const [definitions, setDefinitions] = useState<DefinitionSummary[] | null>(null);
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    designerApi.definitions().then(setDefinitions, (e: unknown) => setError(problemText(e)));
    designerApi.drafts().then(setDrafts, () => undefined);
  }, []);

  const create = (e: Event) => {
    e.preventDefault();
    const k = key.trim();
    if (!k) return;
    if (definitions?.some((d) => d.key === k)) { setError(t('designer.list.exists', { key: k })); return; }
    sessionStorage.setItem(`designer.newName.${k}`, name.trim() || k);
    navigate({ name: 'designer', key: k });
  };

  const importFile = async (file: File) => {
    try {
      const xml = await readFile(file);
      const id = processIdOf(xml);
      if (!id) throw new Error(t('designer.list.noProcess'));
      await designerApi.saveDraft(id, xml);
      navigate({ name: 'designer', key: id });
    } catch (e) {
      setError(t('designer.importFailed', { detail: problemText(e) }));
    }
  };

  return (
    <section class="panel designer-list">
      <h1>{t('designer.list.title')}</h1>
      {error && <div class="notice notice--error" role="alert">{error}</div>}
      <form class="designer-new" onSubmit={create}>
        <div class="field">
          <label for="new-key">{t('designer.list.key')}</label>
          <input id="new-key" required pattern={KEY_PATTERN} value={key} onInput={(e) => setKey(e.currentTarget.value)} />
          <div class="hint">{t('designer.list.keyHint')}</div>
        </div>
        <div class="field">
          <label for="new-name">{t('designer.list.name')}</label>
          <input id="new-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">{t('designer.list.create')}</button>
          <label class="button file-button">
            {t('designer.import')}
            <input type="file" accept=".bpmn,.xml" class="sr-only" onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void importFile(f); }} />
          </label>
        </div>
      </form>
      {drafts.length > 0 && (
        <>
          <h2>{t('designer.list.drafts')}</h2>
          <ul class="designer-drafts">
            {drafts.map((d) => (
              <li key={d.key}><a href={`#/designer/${encodeURIComponent(d.key)}`}>{d.key}</a> <span class="muted">{d.updatedBy} · {dateTime(d.updatedAt)}</span></li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('designer.list.definitions')}</h2>
      {definitions === null ? <p class="muted">{t('common.loading')}</p> : (
        <table class="table">
          <thead><tr><th scope="col">{t('designer.list.key')}</th><th scope="col">{t('designer.list.name')}</th><th scope="col">{t('designer.history.version')}</th><th scope="col">{t('designer.history.status')}</th></tr></thead>
          <tbody>
            {definitions.map((d) => (
              <tr key={d.key}>
                <td><a href={`#/designer/${encodeURIComponent(d.key)}`}>{d.key}</a></td>
                <td>{d.name}</td>
                <td><a href={`#/designer/${encodeURIComponent(d.key)}/v/${d.version}`}>v{d.version}</a></td>
                <td>{t(`designer.status.${d.status}` as never)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
