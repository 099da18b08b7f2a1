import type { SoapCall } from '../operations/context.js';
import type { Fault } from '../state/faults.js';
import { childElement, MalformedXmlError, NS, parseXml, stripInterElementWhitespace } from './xml.js';

/** Parses a SOAP 1.1 envelope into the pieces the operations need; throws MalformedXmlError otherwise. */
export function readCall(
  source: string,
  authorization: string | undefined,
  fault: Fault | undefined,
): SoapCall {
  const doc = parseXml(source);
  const envelope = doc.documentElement;
  if (envelope?.localName !== 'Envelope' || envelope.namespaceURI !== NS.soap) {
    throw new MalformedXmlError('not a SOAP 1.1 envelope');
  }
  stripInterElementWhitespace(envelope);
  const body = childElement(envelope, 'Body', NS.soap);
  if (!body) throw new MalformedXmlError('SOAP envelope without Body');
  return { doc, header: childElement(envelope, 'Header', NS.soap), body, authorization, fault };
}
