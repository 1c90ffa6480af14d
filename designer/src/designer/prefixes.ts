// Frees the prefixes the designer's moddle packages own (camunda, wh) when a document binds them to another
// namespace — Signavio's MIWG exports declare xmlns:camunda="http://activiti.org/bpmn". bpmn-moddle reads such a
// document but cannot write it back (it invents an undeclared prefix for the foreign attributes and the export
// fails), so the foreign namespace gets a prefix of its own before the import. Names, values and the diagram are
// unchanged; only the prefix differs.
const OWNED: Record<string, string> = {
  camunda: 'http://camunda.org/schema/1.0/bpmn',
  wh: 'https://workflowhost.vn/schema/bpmn/1.0',
};
const XMLNS = 'http://www.w3.org/2000/xmlns/';

function conflicts(xml: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [prefix, uri] of Object.entries(OWNED)) {
    const m = new RegExp(`xmlns:${prefix}\\s*=\\s*["']([^"']*)["']`).exec(xml);
    if (m && m[1] !== uri) found.set(prefix, m[1]!);
  }
  return found;
}

export function freeOwnedPrefixes(xml: string): string {
  const clash = conflicts(xml);
  if (clash.size === 0) return xml;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return xml; // let the import report it
  const renamed = new Map<string, string>(); // foreign uri -> new prefix
  for (const [prefix, uri] of clash) renamed.set(uri, `${prefix}_foreign`);

  const rename = (el: Element): Element => {
    for (const attr of [...el.attributes]) {
      if (attr.namespaceURI === XMLNS && clash.has(attr.localName) && renamed.has(attr.value)) {
        el.removeAttributeNode(attr);
        el.setAttributeNS(XMLNS, `xmlns:${renamed.get(attr.value)}`, attr.value);
      } else if (attr.namespaceURI && renamed.has(attr.namespaceURI) && attr.prefix && clash.has(attr.prefix)) {
        el.removeAttributeNode(attr);
        el.setAttributeNS(attr.namespaceURI, `${renamed.get(attr.namespaceURI)}:${attr.localName}`, attr.value);
      }
    }
    let target = el;
    if (el.namespaceURI && renamed.has(el.namespaceURI) && el.prefix && clash.has(el.prefix)) {
      target = doc.createElementNS(el.namespaceURI, `${renamed.get(el.namespaceURI)}:${el.localName}`);
      for (const attr of [...el.attributes]) target.setAttributeNodeNS(attr.cloneNode() as Attr);
      while (el.firstChild) target.appendChild(el.firstChild);
      el.replaceWith(target);
    }
    for (const child of [...target.children]) rename(child);
    return target;
  };
  rename(doc.documentElement);
  return new XMLSerializer().serializeToString(doc);
}
