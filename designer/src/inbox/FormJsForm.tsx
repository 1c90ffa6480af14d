// A form-js schema rendered with @bpmn-io/form-js-viewer (Preact inside, like this app). Server validation errors
// are put on the matching field (by key) through the viewer's state, and listed as well.
import { useEffect, useImperativeHandle, useRef } from 'preact/hooks';
import { forwardRef } from 'preact/compat';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';

export interface FormJsHandle {
  /** The data, or null when form-js found errors (it shows them itself). */
  submit(): Record<string, unknown> | null;
  showServerErrors(errors: Record<string, string[]>): void;
}

interface Component { id?: string; key?: string; components?: Component[] }

function idsByKey(schema: Component, out = new Map<string, string>()): Map<string, string> {
  for (const c of schema.components ?? []) {
    if (c.key && c.id) out.set(c.key, c.id);
    idsByKey(c, out);
  }
  return out;
}

export const FormJsForm = forwardRef<FormJsHandle, { schema: Record<string, unknown>; data?: Record<string, unknown>; disabled: boolean }>(
  function FormJsForm({ schema, data, disabled }, ref) {
    const container = useRef<HTMLDivElement>(null);
    const form = useRef<Form | null>(null);

    // One viewer per schema; `disabled` is applied by the effect below without re-importing.
    useEffect(() => {
      const f = new Form({ container: container.current! });
      form.current = f;
      void f.importSchema(schema, data ?? {}).then(() => f.setProperty('disabled', disabled));
      return () => f.destroy();
    }, [schema]);

    useEffect(() => { form.current?.setProperty('disabled', disabled); }, [disabled]);

    useImperativeHandle(ref, () => ({
      submit() {
        const result = form.current!.submit() as { data: Record<string, unknown>; errors: Record<string, unknown> };
        return Object.keys(result.errors ?? {}).length ? null : result.data;
      },
      showServerErrors(errors) {
        const byKey = idsByKey(schema as Component);
        const mapped: Record<string, string[]> = {};
        for (const [key, messages] of Object.entries(errors)) {
          const id = byKey.get(key);
          if (id) mapped[id] = messages;
        }
        try {
          (form.current as unknown as { _setState(s: { errors: Record<string, string[]> }): void })._setState({ errors: mapped });
        } catch {
          // Older viewers: the list beside the form still shows them.
        }
      },
    }), [schema]);

    return <div class="formjs" ref={container} />;
  },
);
