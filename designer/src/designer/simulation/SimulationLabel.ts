// bpmn-js module: the token simulation's switch on the canvas writes "Token Simulation" as a literal (the plugin never
// calls translate), so the Vietnamese designer showed it in English. This relabels the switch through `translate`
// after the plugin draws it and after every toggle, when the plugin redraws it.
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Canvas from 'diagram-js/lib/core/Canvas';

type Translate = (template: string) => string;

const LITERAL = 'Token Simulation';
const AFTER_THE_PLUGIN = 100; // its own listeners run at the default priority (1000)

export function SimulationLabel(eventBus: EventBus, canvas: Canvas, translate: Translate) {
  const relabel = () => {
    const toggle = canvas.getContainer().querySelector('.bts-toggle-mode');
    const text = toggle?.firstChild;
    if (text?.nodeType === Node.TEXT_NODE && text.textContent?.includes(LITERAL)) {
      text.textContent = text.textContent.replace(LITERAL, translate(LITERAL));
    }
  };
  eventBus.on('diagram.init', AFTER_THE_PLUGIN, relabel);
  eventBus.on('tokenSimulation.toggleMode', AFTER_THE_PLUGIN, relabel);
}

SimulationLabel.$inject = ['eventBus', 'canvas', 'translate'];

export default { __init__: ['simulationLabel'], simulationLabel: ['type', SimulationLabel] };
