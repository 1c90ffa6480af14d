// The BPMN element type of a history row in the UI language ("userTask" → "Bước do người xử lý"); the raw type the
// engine records stays on the cell for owners who think in BPMN. A type without a message shows as recorded.
import { t, type MessageKey } from '../i18n';

const KNOWN = new Set([
  'startEvent', 'endEvent', 'userTask', 'serviceTask', 'scriptTask', 'sendTask', 'receiveTask', 'businessRuleTask',
  'manualTask', 'task', 'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway',
  'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'subProcess', 'callActivity',
]);

export function elementTypeName(type: string): string {
  return KNOWN.has(type) ? t(`bpmnType.${type}` as MessageKey) : type;
}
