// The flow elements of a BPMN document (id, name, kind), read in the browser to offer the element map's choices.

export interface FlowElementInfo {
  id: string;
  name: string;
  kind: string;
}

const FLOW_NODE = /(Task|Event|Gateway)$|^(task|subProcess|callActivity|transaction)$/;

/** Every flow node of every process in the document, in document order; nested subprocess contents included. */
export function flowElements(xml: string): FlowElementInfo[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return [];
  const result: FlowElementInfo[] = [];
  for (const process of Array.from(doc.getElementsByTagNameNS('*', 'process'))) {
    for (const element of Array.from(process.getElementsByTagNameNS('*', '*'))) {
      const id = element.getAttribute('id');
      if (!id || !FLOW_NODE.test(element.localName) || element.localName === 'boundaryEvent' && !element.getAttribute('attachedToRef')) continue;
      result.push({ id, name: element.getAttribute('name') ?? '', kind: element.localName });
    }
  }
  return result;
}

/** The default map: each old element to the new element with the same id, if there is one. */
export function defaultMap(from: FlowElementInfo[], to: FlowElementInfo[]): Record<string, string> {
  const ids = new Set(to.map((e) => e.id));
  return Object.fromEntries(from.map((e) => [e.id, ids.has(e.id) ? e.id : '']));
}

/** Only the entries that differ from the implicit same-id mapping are sent; an unmapped element stays unmapped. */
export function explicitMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([from, to]) => to !== '' && to !== from));
}
