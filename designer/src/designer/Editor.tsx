// The designer's editing screen: bpmn-js Modeler with the properties panel, server validation while editing (overlays
// and a list), bpmnlint, the budget check, token simulation, task forms, drafts, import/export and publishing.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type Modeler from 'bpmn-js/lib/Modeler';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { navigate } from '../shell/router';
import { designerApi, type Budget, type Problem } from './api';
import { createModeler } from './modeler';
import { newDiagram } from './newDiagram';
import { selectElement, showProblems } from './validation/problemOverlays';
import { ProblemList, type ListedProblem } from './ProblemList';
import { BudgetBar } from './BudgetBar';
import { PublishDialog } from './PublishDialog';
import type { FormEditorDialog as FormEditorDialogType } from './FormEditorDialog';
import { HistoryPanel } from './HistoryPanel';
import { downloadBpmn, readFile } from './files';
import { freeOwnedPrefixes } from './prefixes';
import { problemText } from '../shell/problem';

interface BusinessObject {
  id: string; name?: string; $type: string;
  extensionElements?: { values: { $type: string; body?: string }[] };
}
interface Shape { id: string; businessObject: BusinessObject }
interface LintIssue { id: string; message: string; category: 'error' | 'warn' | 'info' | 'rule-error' }

const VALIDATE_DELAY_MS = 600;

type Loaded = { from: 'draft' | 'version' | 'new'; version?: number };

export function Editor({ definitionKey }: { definitionKey: string }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [lintProblems, setLintProblems] = useState<Problem[]>([]);
  const [budget, setBudget] = useState<Budget | null>(null);
  const [checking, setChecking] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [publishing, setPublishing] = useState<null | { busy: boolean; error: string | null }>(null);
  const [selected, setSelected] = useState<Shape | null>(null);
  const [formFor, setFormFor] = useState<{ shape: Shape; schema: Record<string, unknown> } | null>(null);
  // The form-js editor is its own chunk, fetched the first time a task form is opened.
  const [FormDialog, setFormDialog] = useState<typeof FormEditorDialogType | null>(null);
  const [simulating, setSimulating] = useState(false);
  const [historyTick, setHistoryTick] = useState(0);
  // Counts finished imports (data-imports on the canvas), so a test or a screen reader script knows one is done.
  const [imports, setImports] = useState(0);
  const validateTimer = useRef<number | undefined>(undefined);
  const validationRun = useRef(0);

  const xml = useCallback(async () => (await modelerRef.current!.saveXML({ format: true })).xml!, []);

  const validate = useCallback(async () => {
    const run = ++validationRun.current;
    setChecking(true);
    try {
      const result = await designerApi.validate(await xml());
      if (run !== validationRun.current) return;
      setServerProblems(result.problems);
      setBudget(result.budget);
    } catch (e) {
      if (run === validationRun.current) setServerProblems([{ elementId: null, elementType: null, severity: 'error', message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      if (run === validationRun.current) setChecking(false);
    }
  }, [xml]);

  // One modeler per screen; the diagram is (re)loaded by importXml below.
  useEffect(() => {
    const modeler = createModeler(canvasRef.current!, panelRef.current!);
    modelerRef.current = modeler;
    const bus = modeler.get<{ on(e: string, cb: (ev: any) => void): void }>('eventBus');
    bus.on('commandStack.changed', () => {
      setDirty(true);
      window.clearTimeout(validateTimer.current);
      validateTimer.current = window.setTimeout(() => void validate(), VALIDATE_DELAY_MS);
    });
    bus.on('linting.completed', (ev: { issues: Record<string, LintIssue[]> }) => {
      const list: Problem[] = [];
      for (const [id, issues] of Object.entries(ev.issues)) {
        for (const issue of issues) list.push({ elementId: id, elementType: null, severity: issue.category === 'error' || issue.category === 'rule-error' ? 'error' : 'warning', message: issue.message });
      }
      setLintProblems(list);
    });
    bus.on('selection.changed', (ev: { newSelection: Shape[] }) => setSelected(ev.newSelection.length === 1 ? ev.newSelection[0]! : null));
    bus.on('tokenSimulation.toggleMode', (ev: { active: boolean }) => setSimulating(ev.active));
    return () => { window.clearTimeout(validateTimer.current); modeler.destroy(); };
  }, [validate]);

  const importXml = useCallback(async (source: string) => {
    const modeler = modelerRef.current!;
    const result = await modeler.importXML(freeOwnedPrefixes(source));
    if (result.warnings.length) console.warn('bpmn-js import warnings', result.warnings);
    modeler.get<{ zoom(v: string, center?: string): void }>('canvas').zoom('fit-viewport', 'auto');
    setDirty(false);
    await validate();
  }, [validate]);

  // Load: the saved draft, else the published (or latest) version, else a new diagram for the key.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        // Ask for the draft only when the list has one: a bare GET answered 404 on every opening and the browser logs
        // each 404 as a console error, which hid real ones.
        const hasDraft = (await designerApi.drafts()).some((d) => d.key === definitionKey);
        const draft = hasDraft ? await designerApi.draft(definitionKey).catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))) : null;
        if (cancelled) return;
        if (draft) { await importXml(draft.xml); setLoaded({ from: 'draft' }); return; }
        const history = await designerApi.history(definitionKey).catch((e) => (e instanceof ApiError && e.status === 404 ? [] : Promise.reject(e)));
        if (cancelled) return;
        const current = history.find((h) => h.status === 'published') ?? history[0];
        if (current) {
          await importXml(await designerApi.versionXml(definitionKey, current.version));
          setLoaded({ from: 'version', version: current.version });
        } else {
          await importXml(newDiagram(definitionKey, sessionStorage.getItem(`designer.newName.${definitionKey}`) ?? definitionKey));
          setLoaded({ from: 'new' });
        }
      } catch (e) {
        if (!cancelled) setLoadError(problemText(e));
      }
    })();
    return () => { cancelled = true; };
  }, [definitionKey, importXml]);

  const saveDraft = useCallback(async () => {
    try {
      await designerApi.saveDraft(definitionKey, await xml());
      setDirty(false);
      setMessage({ kind: 'success', text: t('designer.saved') });
    } catch (e) {
      setMessage({ kind: 'error', text: problemText(e) });
    }
  }, [definitionKey, xml]);

  // Ctrl/Cmd+S saves the draft.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); void saveDraft(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveDraft]);

  const problems: ListedProblem[] = [
    ...serverProblems.map((p) => ({ ...p, source: 'server' as const })),
    ...lintProblems.map((p) => ({ ...p, source: 'lint' as const })),
  ].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = problems.filter((p) => p.severity === 'error').length;

  useEffect(() => {
    if (modelerRef.current && loaded) showProblems(modelerRef.current as never, serverProblems);
  }, [serverProblems, loaded]);

  const publish = async (note: string) => {
    setPublishing({ busy: true, error: null });
    try {
      const summary = await designerApi.publish(definitionKey, await xml(), note);
      setPublishing(null);
      setDirty(false);
      setLoaded({ from: 'version', version: summary.version });
      setHistoryTick((n) => n + 1);
      setMessage({ kind: 'success', text: t('designer.published', { version: summary.version }) });
    } catch (e) {
      const detail = e instanceof ApiError ? [e.message, ...Object.values(e.errors).flat()].join(' ') : String(e);
      setPublishing({ busy: false, error: detail });
    }
  };

  const openForm = async () => {
    if (!selected) return;
    const shape = selected;
    const { FormEditorDialog, emptyForm } = await import('./FormEditorDialog');
    setFormDialog(() => FormEditorDialog);
    const body = shape.businessObject.extensionElements?.values.find((v) => v.$type === 'wh:FormSchema')?.body;
    let schema = emptyForm(shape.id);
    try { if (body) schema = JSON.parse(body); } catch { /* an unreadable schema starts over */ }
    setFormFor({ shape, schema });
  };

  const saveForm = (shape: Shape, schema: Record<string, unknown>) => {
    const modeler = modelerRef.current!;
    const moddle = modeler.get<{ create(type: string, attrs?: object): any }>('moddle');
    const modeling = modeler.get<{ updateProperties(el: unknown, p: object): void; updateModdleProperties(el: unknown, t: unknown, p: object): void }>('modeling');
    const bo = shape.businessObject;
    let ext = bo.extensionElements;
    if (!ext) {
      ext = moddle.create('bpmn:ExtensionElements', { values: [] });
      modeling.updateProperties(shape, { extensionElements: ext });
    }
    const body = JSON.stringify(schema);
    const existing = ext!.values.find((v) => v.$type === 'wh:FormSchema');
    if (existing) modeling.updateModdleProperties(shape, existing, { body });
    else modeling.updateModdleProperties(shape, ext, { values: [...ext!.values, moddle.create('wh:FormSchema', { body })] });
    setFormFor(null);
  };

  const toggleSimulation = () => {
    modelerRef.current!.get<{ fire(e: string, p: object): void }>('eventBus').fire('tokenSimulation.toggleMode', { active: !simulating });
  };

  const importFile = async (file: File) => {
    setMessage(null);
    try {
      await importXml(await readFile(file));
      setDirty(true);
    } catch (e) {
      setMessage({ kind: 'error', text: t('designer.importFailed', { detail: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setImports((n) => n + 1);
    }
  };

  const isUserTask = selected?.businessObject.$type === 'bpmn:UserTask';

  return (
    <div class="designer">
      <div class="designer-toolbar" role="toolbar" aria-label={t('designer.toolbar')}>
        <h1 class="designer-title">
          {definitionKey}{' '}
          <span class="muted designer-source" data-testid="source">
            {loaded?.from === 'draft' ? t('designer.fromDraft') : loaded?.from === 'version' ? t('designer.fromVersion', { version: loaded.version ?? '' }) : loaded ? t('designer.fromNew') : ''}
            {dirty ? ` · ${t('designer.unsaved')}` : ''}
          </span>
        </h1>
        <button type="button" class="button" onClick={() => void saveDraft()} title="Ctrl+S">{t('designer.saveDraft')}</button>
        <button type="button" class="button button--primary" disabled={errors > 0 || checking} data-testid="publish"
          title={errors > 0 ? t('designer.publishBlocked') : undefined}
          onClick={() => setPublishing({ busy: false, error: null })}>{t('designer.publish.open')}</button>
        <button type="button" class="button" aria-pressed={simulating} onClick={toggleSimulation}>{t('designer.simulate')}</button>
        <button type="button" class="button" disabled={!isUserTask} onClick={() => void openForm()} data-testid="edit-form">{t('designer.form.open')}</button>
        <button type="button" class="button" onClick={async () => downloadBpmn(`${definitionKey}.bpmn`, await xml())}>{t('designer.export')}</button>
        <label class="button file-button">
          {t('designer.import')}
          <input type="file" accept=".bpmn,.xml,application/xml,text/xml" class="sr-only"
            onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void importFile(f); e.currentTarget.value = ''; }} />
        </label>
        <a class="button button--ghost" href="#/designer">{t('designer.backToList')}</a>
      </div>
      {loadError && <div class="notice notice--error" role="alert">{loadError}</div>}
      {message && <div class={`notice notice--${message.kind}`} role="status" data-testid="designer-message">{message.text}</div>}
      <BudgetBar budget={budget} />
      <div class="designer-body">
        <div class="designer-canvas" ref={canvasRef} data-testid="canvas" data-imports={imports} aria-label={t('designer.canvas')} />
        <aside class="designer-panel" ref={panelRef} aria-label={t('designer.properties')} />
      </div>
      <div class="designer-bottom">
        <ProblemList problems={problems} checking={checking} onSelect={(id) => { if (modelerRef.current) selectElement(modelerRef.current as never, id); }} />
        <HistoryPanel definitionKey={definitionKey} tick={historyTick} onOpen={(v) => navigate({ name: 'designer', key: definitionKey, version: v })}
          onCompare={(a, b) => navigate({ name: 'designer', key: definitionKey, compare: [a, b] })} />
      </div>
      {publishing && <PublishDialog busy={publishing.busy} error={publishing.error} onPublish={(n) => void publish(n)} onClose={() => setPublishing(null)} />}
      {formFor && FormDialog && (
        <FormDialog taskName={formFor.shape.businessObject.name || formFor.shape.id} schema={formFor.schema}
          onSave={(s) => saveForm(formFor.shape, s)} onClose={() => setFormFor(null)} />
      )}
    </div>
  );
}
