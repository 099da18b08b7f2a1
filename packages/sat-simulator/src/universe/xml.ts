/** A tiny element tree and serializer: enough for CFDI, with attribute escaping done in one place. */
export type Attr = readonly [name: string, value: string | undefined];

export interface XmlNode {
  name: string;
  attrs: Attr[];
  children: XmlNode[];
}

export function el(name: string, attrs: Attr[], children: XmlNode[] = []): XmlNode {
  return { name, attrs, children };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#xA;',
  '\r': '&#xD;',
  '\t': '&#x9;',
};

/** Line breaks become character references, otherwise XML attribute normalisation would turn them into spaces. */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"\n\r\t]/g, (char) => ESCAPES[char] as string);
}

function write(node: XmlNode, indent: string, out: string[]): void {
  let open = `${indent}<${node.name}`;
  for (const [name, value] of node.attrs) {
    if (value !== undefined) open += ` ${name}="${escapeAttr(value)}"`;
  }
  if (node.children.length === 0) {
    out.push(`${open}/>`);
    return;
  }
  out.push(`${open}>`);
  for (const child of node.children) write(child, `${indent}  `, out);
  out.push(`${indent}</${node.name}>`);
}

export function serialize(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
