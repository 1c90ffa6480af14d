// Puts the server's validation problems and bpmnlint's on the diagram: a badge on each offending element (error or
// warning) and a marker so the element itself is outlined. The list beside the canvas selects an element on click.
import type { Problem } from '../api';

interface Overlays { add(id: string, type: string, overlay: { position: object; html: HTMLElement }): void; remove(filter: { type: string }): void }
interface Canvas { addMarker(id: string, cls: string): void; removeMarker(id: string, cls: string): void; scrollToElement(el: unknown): void }
interface Registry { get(id: string): unknown; getAll(): { id: string }[] }
interface Selection { select(el: unknown): void }
export interface DiagramServices { get<T>(name: string): T }

const TYPE = 'wh-problem';

export function showProblems(diagram: DiagramServices, problems: Problem[]): void {
  const overlays = diagram.get<Overlays>('overlays');
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<Registry>('elementRegistry');
  overlays.remove({ type: TYPE });
  for (const el of registry.getAll()) {
    canvas.removeMarker(el.id, 'wh-error');
    canvas.removeMarker(el.id, 'wh-warning');
  }
  const byElement = new Map<string, Problem[]>();
  for (const p of problems) if (p.elementId && registry.get(p.elementId)) (byElement.get(p.elementId) ?? byElement.set(p.elementId, []).get(p.elementId)!).push(p);
  for (const [id, list] of byElement) {
    const error = list.some((p) => p.severity === 'error');
    canvas.addMarker(id, error ? 'wh-error' : 'wh-warning');
    const badge = document.createElement('div');
    badge.className = `wh-problem-badge wh-problem-badge--${error ? 'error' : 'warning'}`;
    badge.dataset.elementId = id;
    badge.textContent = error ? '!' : '?';
    badge.title = list.map((p) => p.message).join('\n');
    overlays.add(id, TYPE, { position: { top: -10, right: 10 }, html: badge });
  }
}

/** Selects the element a problem names and scrolls it into view; false when the problem names none on the diagram. */
export function selectElement(diagram: DiagramServices, id: string | null): boolean {
  if (!id) return false;
  const element = diagram.get<Registry>('elementRegistry').get(id);
  if (!element) return false;
  diagram.get<Selection>('selection').select(element);
  diagram.get<Canvas>('canvas').scrollToElement(element);
  return true;
}
