// The "WorkflowHost" group of the properties panel: the wh: attributes the host reads (docs/procedures.md,
// docs/engine.md). Entries are rendered by the panel's own Preact copy, so they are built with its `h`, not our JSX.
import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry, SelectEntry, TextFieldEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { t, type MessageKey } from '../../i18n';
import { ExecutedCamundaOnly } from './ExecutedCamundaOnly';

interface BusinessObject { $instanceOf(type: string): boolean; get(name: string): unknown; loopCharacteristics?: BusinessObject }
interface Element { businessObject: BusinessObject }
interface Modeling {
  updateProperties(element: Element, props: Record<string, unknown>): void;
  updateModdleProperties(element: Element, target: BusinessObject, props: Record<string, unknown>): void;
}
type Validate = (value: string) => string | undefined;

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const isExpression = (v: string) => /^\$\{.*\}$/s.test(v.trim());

const validators: Record<string, Validate> = {
  stepBudget: (v) => (!v || ISO_DURATION.test(v.trim()) ? undefined : t('designer.wh.invalidDuration')),
  workingDays: (v) => (!v || isExpression(v) || /^[1-9]\d*$/.test(v.trim()) ? undefined : t('designer.wh.invalidDays')),
  workingHours: (v) => (!v || isExpression(v) || (Number(v) > 0 && Number.isFinite(Number(v))) ? undefined : t('designer.wh.invalidHours')),
};

function textEntry(name: string, label: MessageKey, target: (el: Element) => BusinessObject = (el) => el.businessObject) {
  return function WhTextEntry(props: { element: Element; id: string }) {
    const modeling = useService<Modeling>('modeling');
    const debounce = useService<(fn: unknown) => unknown>('debounceInput');
    const bo = target(props.element);
    return h(TextFieldEntry, {
      element: props.element,
      id: props.id,
      label: t(label),
      debounce,
      validate: validators[name],
      getValue: () => (bo.get(`wh:${name}`) as string | undefined) ?? '',
      setValue: (value: string) => modeling.updateModdleProperties(props.element, bo, { [`wh:${name}`]: value ? value : undefined }),
    });
  };
}

function UnitEntry(props: { element: Element; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(SelectEntry, {
    element: props.element,
    id: props.id,
    label: t('designer.wh.unit'),
    getValue: () => (props.element.businessObject.get('wh:unit') as string | undefined) ?? '',
    setValue: (value: string) => modeling.updateProperties(props.element, { 'wh:unit': value || undefined }),
    getOptions: () => [
      { value: '', label: t('designer.wh.unitDefault') },
      { value: 'receiving', label: t('designer.wh.unitReceiving') },
      { value: 'competent', label: t('designer.wh.unitCompetent') },
      { value: 'return', label: t('designer.wh.unitReturn') },
    ],
  });
}

function DossierStatusEntry(props: { element: Element; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const codes = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
  return h(SelectEntry, {
    element: props.element,
    id: props.id,
    label: t('designer.wh.dossierStatus'),
    getValue: () => (props.element.businessObject.get('wh:dossierStatus') as string | undefined) ?? '',
    setValue: (value: string) => modeling.updateProperties(props.element, { 'wh:dossierStatus': value || undefined }),
    getOptions: () => [{ value: '', label: t('designer.wh.statusNone') }, ...codes.map((c) => ({ value: c, label: `${c} · ${t(`status.${c}` as MessageKey)}` }))],
  });
}

function AcceptUndeclaredEntry(props: { element: Element; id: string }) {
  const modeling = useService<Modeling>('modeling');
  return h(CheckboxEntry, {
    element: props.element,
    id: props.id,
    label: t('designer.wh.acceptUndeclared'),
    getValue: () => props.element.businessObject.get('wh:acceptUndeclaredVariables') === true,
    setValue: (value: boolean) => modeling.updateProperties(props.element, { 'wh:acceptUndeclaredVariables': value || undefined }),
  });
}

const isTask = (bo: BusinessObject) => bo.$instanceOf('bpmn:UserTask') || bo.$instanceOf('bpmn:ManualTask');
const multiInstance = (bo: BusinessObject) => {
  const loop = bo.loopCharacteristics;
  return loop && loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics') ? loop : undefined;
};

export function workflowHostEntries(element: Element) {
  const bo = element.businessObject;
  const entries: { id: string; component: unknown; isEdited: (node: unknown) => boolean }[] = [];
  if (isTask(bo)) {
    entries.push(
      { id: 'wh-unit', component: UnitEntry, isEdited: isSelectEntryEdited },
      { id: 'wh-stepBudget', component: textEntry('stepBudget', 'designer.wh.stepBudget'), isEdited: isTextFieldEntryEdited },
      { id: 'wh-workingDays', component: textEntry('workingDays', 'designer.wh.workingDays'), isEdited: isTextFieldEntryEdited },
      { id: 'wh-workingHours', component: textEntry('workingHours', 'designer.wh.workingHours'), isEdited: isTextFieldEntryEdited },
      { id: 'wh-acceptUndeclared', component: AcceptUndeclaredEntry, isEdited: isCheckboxEntryEdited },
    );
  }
  if (bo.$instanceOf('bpmn:FlowNode')) entries.push({ id: 'wh-dossierStatus', component: DossierStatusEntry, isEdited: isSelectEntryEdited });
  if (multiInstance(bo)) {
    entries.push(
      { id: 'wh-outputCollection', component: textEntry('outputCollection', 'designer.wh.outputCollection', (el) => multiInstance(el.businessObject)!), isEdited: isTextFieldEntryEdited },
      { id: 'wh-outputElement', component: textEntry('outputElement', 'designer.wh.outputElement', (el) => multiInstance(el.businessObject)!), isEdited: isTextFieldEntryEdited },
    );
  }
  return entries;
}

interface PropertiesPanel { registerProvider(priority: number, provider: object): void }
interface Group { id: string; label: string; entries: unknown[] }

/** Adds the WorkflowHost group after the Camunda groups. */
export class WorkflowHostPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: PropertiesPanel) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Element) {
    return (groups: Group[]) => {
      const entries = workflowHostEntries(element);
      if (entries.length) groups.push({ id: 'workflowhost', label: t('designer.wh.group'), entries });
      return groups;
    };
  }
}

export default {
  __init__: ['workflowHostPropertiesProvider', 'executedCamundaOnly'],
  workflowHostPropertiesProvider: ['type', WorkflowHostPropertiesProvider],
  executedCamundaOnly: ['type', ExecutedCamundaOnly],
};
