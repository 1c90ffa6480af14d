// bpmn-js module: palette and replace menu restricted to what the engine executes.
import { ExecutableOnly } from './ExecutableOnly';

export default {
  __init__: ['executableOnly'],
  executableOnly: ['type', ExecutableOnly],
};
