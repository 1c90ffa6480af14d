// A user task's form drawn with the form-js editor; the schema is kept in the task (wh:formSchema) so it is versioned
// and published with the process.
import { useEffect, useRef } from 'preact/hooks';
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import { t } from '../i18n';
import { Dialog } from './Dialog';

export function emptyForm(taskId: string): Record<string, unknown> {
  return { type: 'default', id: `Form_${taskId}`, components: [], schemaVersion: 16 };
}

export function FormEditorDialog({ taskName, schema, onSave, onClose }: {
  taskName: string; schema: Record<string, unknown>; onSave: (schema: Record<string, unknown>) => void; onClose: () => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor | null>(null);
  useEffect(() => {
    const e = new FormEditor({ container: container.current! });
    editor.current = e;
    void e.importSchema(schema);
    return () => e.destroy();
  }, [schema]);
  return (
    <Dialog title={t('designer.form.title', { task: taskName })} onClose={onClose} wide>
      <div class="form-editor" ref={container} data-testid="form-editor" />
      <div class="actions">
        <button type="button" class="button button--primary" onClick={() => onSave(editor.current!.saveSchema() as Record<string, unknown>)}>
          {t('designer.form.save')}
        </button>
        <button type="button" class="button" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </Dialog>
  );
}
