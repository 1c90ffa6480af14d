// The bpmn.io packages the designer uses without type declarations of their own.
declare module 'bpmnlint/rules/*' {
  const rule: (...args: unknown[]) => unknown;
  export default rule;
}
declare module 'bpmn-js-bpmnlint' {
  const module: object;
  export default module;
}
declare module 'bpmn-js-token-simulation' {
  const module: object;
  export default module;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: object;
  export const BpmnPropertiesProviderModule: object;
  export const CamundaPlatformPropertiesProviderModule: object;
  export function useService<T = any>(name: string): T;
}
declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: any;
  export const SelectEntry: any;
  export const CheckboxEntry: any;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
declare module 'camunda-bpmn-moddle/resources/camunda.json' {
  const schema: object;
  export default schema;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: object;
  export default module;
}
declare module 'bpmn-js-differ' {
  export function diff(a: unknown, b: unknown): {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, unknown>;
    _layoutChanged: Record<string, unknown>;
  };
}
