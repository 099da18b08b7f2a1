import type { Element } from '@xmldom/xmldom';
import { C14nCanonicalization, ExclusiveCanonicalization } from 'xml-crypto';
import { inScopeNamespaces } from './xml.js';

export const C14N = {
  exclusive: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  exclusiveWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  inclusive: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  inclusiveWithComments: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
} as const;

export type NamespaceContext = 'document' | 'detached';

/**
 * Canonicalizes one element with the algorithm named by a SignedInfo/Transform URI. `detached` renders
 * the element as if it had no ancestors (what some signers hash before inserting the Signature).
 * Returns undefined for algorithms the SAT protocol never uses.
 */
export function canonicalize(element: Element, algorithm: string, context: NamespaceContext = 'document') {
  const ancestorNamespaces =
    context === 'document' && element.parentNode ? inScopeNamespaces(element.parentNode) : [];
  // xml-crypto types its DOM against the DOM lib; xmldom's nodes are structurally what it walks.
  const node = element as never;
  switch (algorithm) {
    case C14N.exclusive:
      return new ExclusiveCanonicalization().process(node, {});
    case C14N.inclusive:
      return new C14nCanonicalization().process(node, { ancestorNamespaces });
    default:
      return undefined;
  }
}
