// The bpmn-js Modeler as WorkflowHost configures it: Camunda 7 properties the engine executes plus the WorkflowHost
// group (moddle extension moddle/workflowhost.json), bpmnlint bundled at build time, token simulation, and a palette
// and replace menu limited to executable elements.
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import {
  BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaPlatformBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import LintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import whModdle from './moddle/workflowhost.json';
import ExecutableOnlyModule from './restrictions';
import WorkflowHostPropertiesModule from './properties/WorkflowHostPropertiesProvider';
import { lintConfig } from './lint/config';
import TranslateModule from './translate';
import SimulationLabelModule from './simulation/SimulationLabel';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';

export const moddleExtensions = { camunda: camundaModdle, wh: whModdle };

export function createModeler(container: HTMLElement, propertiesParent: HTMLElement): Modeler {
  return new Modeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    linting: { bpmnlint: lintConfig, active: true },
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, CamundaPlatformBehaviors,
      WorkflowHostPropertiesModule, LintModule, TokenSimulationModule, SimulationLabelModule, ExecutableOnlyModule, TranslateModule,
    ],
    moddleExtensions,
  } as ConstructorParameters<typeof Modeler>[0]);
}

/** A read-only diagram (pan and zoom only) for published versions and the diff. */
export function createViewer(container: HTMLElement): NavigatedViewer {
  return new NavigatedViewer({ container, moddleExtensions, additionalModules: [TranslateModule] } as ConstructorParameters<typeof NavigatedViewer>[0]);
}
