import { NS } from './xml.js';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A complete HTTP answer that is not a business result: SOAP faults and transport-level failures. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

const XML = 'text/xml; charset=utf-8';

function fault(codeNamespace: string, code: string, text: string): string {
  return (
    `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault>` +
    `<faultcode xmlns:a="${codeNamespace}">a:${code}</faultcode>` +
    `<faultstring xml:lang="en-US">${escapeText(text)}</faultstring>` +
    `</s:Fault></s:Body></s:Envelope>`
  );
}

/** Recorded verbatim from production (fixture soap/authenticate/response-with-error.xml), HTTP 500. */
export function invalidSecurityFault(): RawAnswer {
  return {
    status: 500,
    contentType: XML,
    body: fault(NS.wsse, 'InvalidSecurity', 'An error occurred when verifying security for the message.'),
  };
}

/** WCF's answer to an unknown SOAPAction, e.g. the `SolicitaDescarga` removed in v1.5 (satcfdi #42). */
export function actionNotSupportedFault(action: string): RawAnswer {
  return {
    status: 500,
    contentType: XML,
    body: fault(
      'http://schemas.microsoft.com/ws/2005/05/addressing/none',
      'ActionNotSupported',
      `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. This may be because of either a contract mismatch (mismatched Actions between sender and receiver) or a binding/security mismatch between the sender and the receiver.  Check that sender and receiver have the same contract and the same binding (including security requirements, e.g. Message, Transport, None).`,
    ),
  };
}

/** WCF's generic fault for an unhandled server error (injected `soapFault` on the non-auth services). */
export function internalServiceFault(): RawAnswer {
  return {
    status: 500,
    contentType: XML,
    body: fault(
      'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher',
      'InternalServiceFault',
      'The server was unable to process the request due to an internal error.  For more information about the error, either turn on IncludeExceptionDetailInFaults (either from ServiceBehaviorAttribute or from the <serviceDebug> configuration behavior) on the server in order to send the exception information back to the client, or turn on tracing as per the Microsoft .NET Framework SDK documentation and inspect the server trace logs.',
    ),
  };
}

/** IIS's own 500 page, as seen when the SAT hosts are degraded (phpcfdi #77, cfdiclient #55/#76). */
export function iisServerError(): RawAnswer {
  return {
    status: 500,
    contentType: 'text/html',
    body:
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>' +
      '<title>500 - Internal server error.</title></head><body><div id="header"><h1>Server Error</h1></div>' +
      '<div id="content"><div class="content-container"><fieldset><h2>500 - Internal server error.</h2>' +
      '<h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>' +
      '</fieldset></div></div></body></html>',
  };
}

/**
 * WCF's answer when the envelope reads but the operation's parameters do not, e.g. an `&` left
 * unescaped in `expresionImpresa` (the XmlException surfaces inside the formatter). HTTP 500.
 */
export function deserializationFailedFault(): RawAnswer {
  return {
    status: 500,
    contentType: XML,
    body: fault(
      'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher',
      'DeserializationFailed',
      "The formatter threw an exception while trying to deserialize the message: There was an error while trying to deserialize parameter http://tempuri.org/:expresionImpresa.  The InnerException message was 'There was an error deserializing the object of type System.String. An error occurred while parsing EntityName.'.  Please see InnerException for more details.",
    ),
  };
}

/** WCF answers an unreadable message body with an empty HTTP 400. */
export function badRequest(): RawAnswer {
  return { status: 400, contentType: 'text/html', body: '' };
}

/** A response cut off mid-element: what a dropped connection or a broken proxy delivers. */
export function truncate(answer: string): string {
  return answer.slice(0, Math.max(1, Math.floor(answer.length / 2)));
}
