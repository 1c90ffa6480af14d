// Hides the Camunda 7 groups of the properties panel that WorkflowHost's engine does not execute (listeners, async
// continuations, job and history settings, connectors, field injection, tasklist and starter settings): a process
// owner should only be offered what will happen. What stays: assignment, forms, input/output, implementation
// (external topic), script, call activity mappings, conditions, event definitions, multi-instance, extension properties.
const NOT_EXECUTED = new Set([
  'CamundaPlatform__AsynchronousContinuations', 'CamundaPlatform__BusinessKey', 'CamundaPlatform__CandidateStarter',
  'CamundaPlatform__ConnectorInput', 'CamundaPlatform__ConnectorOutput', 'CamundaPlatform__Errors',
  'CamundaPlatform__ExecutionListener', 'CamundaPlatform__ExternalTask', 'CamundaPlatform__FieldInjection',
  'CamundaPlatform__HistoryCleanup', 'CamundaPlatform__JobExecution', 'CamundaPlatform__StartInitiator',
  'CamundaPlatform__TaskListener', 'CamundaPlatform__Tasklist',
]);

interface PropertiesPanel { registerProvider(priority: number, provider: object): void }

export class ExecutedCamundaOnly {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: PropertiesPanel) {
    // Low priority: runs after the Camunda provider has added its groups.
    propertiesPanel.registerProvider(100, this);
  }

  getGroups() {
    return (groups: { id: string }[]) => groups.filter((g) => !NOT_EXECUTED.has(g.id));
  }
}
