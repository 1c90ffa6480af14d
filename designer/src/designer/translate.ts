// bpmn-js module: the modeler's own labels (palette, context pad, replace menu, properties panel) in Vietnamese when
// the app is in Vietnamese. bpmn.io translates by its English template; src/i18n/bpmn-vi.json maps the templates the
// designer shows. A template without an entry stays English.
import { lang } from '../i18n';
import bpmnVi from '../i18n/bpmn-vi.json';

const vi: Record<string, string> = bpmnVi;

export function translate(template: string, replacements?: Record<string, string>): string {
  const text = lang() === 'vi' ? vi[template] ?? vi[template.charAt(0).toUpperCase() + template.slice(1)] ?? template : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => replacements?.[key] ?? `{${key}}`);
}

export default { translate: ['value', translate] };
