// The bpmn-js viewer and its styles, in a chunk of their own: loaded the first time a bottleneck view opens.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import type { BottleneckElement } from './types';

interface Overlays {
  add(element: string, type: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  zoom(level: string): void;
  addMarker(element: string, marker: string): void;
}
interface Registry {
  get(id: string): unknown;
}

/** Draws `xml` in `container` with a badge on every element that has open steps; returns a function that removes it. */
export async function drawBottlenecks(container: HTMLElement, xml: string, elements: BottleneckElement[], label: (e: BottleneckElement) => string): Promise<() => void> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as Canvas;
  const overlays = viewer.get('overlays') as Overlays;
  const registry = viewer.get('elementRegistry') as Registry;
  canvas.zoom('fit-viewport');
  const worst = Math.max(1, ...elements.map((e) => e.open));
  for (const element of elements) {
    if (!registry.get(element.elementId)) continue;
    const badge = document.createElement('div');
    badge.className = `bn-badge${element.overdue > 0 ? ' bn-badge--overdue' : ''}`;
    badge.dataset.element = element.elementId;
    badge.textContent = label(element);
    overlays.add(element.elementId, 'bottleneck', { position: { top: -26, left: 0 }, html: badge });
    if (element.open === worst) canvas.addMarker(element.elementId, 'bn-worst');
  }
  return () => viewer.destroy();
}
