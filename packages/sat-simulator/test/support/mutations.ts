import { DOMParser, type Document, type Element, type Node, XMLSerializer } from '@xmldom/xmldom';

export interface Mutation {
  label: string;
  xml: string;
}

/** Changes one character in the middle of a value to a different character of the same class. */
export function changeOneCharacter(value: string): string {
  const i = Math.floor(value.length / 2);
  const c = value[i] ?? 'A';
  const replacement = /\d/.test(c)
    ? String((Number(c) + 1) % 10)
    : c === 'A'
      ? 'B'
      : c === 'a'
        ? 'b'
        : /[a-z]/.test(c)
          ? 'a'
          : 'A';
  return value.slice(0, i) + replacement + value.slice(i + 1);
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (let child = node.firstChild; child; child = child.nextSibling) walk(child, visit);
}

/**
 * One mutated copy of the message per signed value inside `scope` (a local name): every attribute value
 * and every non-blank text node, except inside KeyInfo (which the signature does not cover).
 */
export function signedValueMutations(xml: string, scope: string): Mutation[] {
  const count = (doc: Document) => {
    const targets: { label: string; apply: () => void }[] = [];
    const root = doc.getElementsByTagNameNS('*', scope)[0];
    if (!root) throw new Error(`no ${scope} in fixture`);
    walk(root, (node) => {
      if (node.nodeType === 1) {
        const el = node as Element;
        if (el.localName === 'KeyInfo' || hasAncestor(el, 'KeyInfo')) return;
        for (let i = 0; i < el.attributes.length; i++) {
          const attr = el.attributes.item(i)!;
          if (attr.name.startsWith('xmlns')) continue;
          targets.push({
            label: `${el.localName}@${attr.name}`,
            apply: () => {
              attr.value = changeOneCharacter(attr.value);
            },
          });
        }
      } else if (node.nodeType === 3 && (node.nodeValue ?? '').trim() && !hasAncestor(node, 'KeyInfo')) {
        targets.push({
          label: `text of ${node.parentNode?.localName}`,
          apply: () => {
            node.nodeValue = changeOneCharacter(node.nodeValue ?? '');
          },
        });
      }
    });
    return targets;
  };
  const total = count(new DOMParser().parseFromString(xml, 'text/xml')).length;
  const result: Mutation[] = [];
  for (let i = 0; i < total; i++) {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const target = count(doc)[i]!;
    target.apply();
    result.push({ label: target.label, xml: new XMLSerializer().serializeToString(doc) });
  }
  return result;
}

function hasAncestor(node: Node, localName: string): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (p.localName === localName) return true;
  return false;
}

export function reserialize(xml: string): string {
  return new XMLSerializer().serializeToString(new DOMParser().parseFromString(xml, 'text/xml'));
}
