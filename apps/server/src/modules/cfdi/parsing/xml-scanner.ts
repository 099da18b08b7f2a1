import { decodeEntities } from './entities.js';
import { CfdiParseError } from './errors.js';
import type { XmlNode } from './xml.js';
import { ATTR, MAX_XML_DEPTH, REPEATABLE_ELEMENTS, TEXT_KEY } from './xml-shape.js';

/**
 * Single-pass XML → JSON scanner for the CFDI hot path (see README "XML scanner" and ADR 0003).
 *
 * It builds the same JSON that fast-xml-parser built with the options xml.ts used to pass
 * (`@` attributes, `#text`, trimmed values that stay strings, repeatable elements as arrays), key
 * order included, because the document is stored as JSON text; xml-scanner.equivalence.test.ts holds
 * it to that. Unlike fast-xml-parser it checks the element structure (matching end tags, one root,
 * no stray text or end tags, well-formed attribute lists), so a truncated or garbled file fails here
 * instead of parsing as a shorter document.
 *
 * What it never does: read a DTD (any `<!` that is not a comment or CDATA is DTD_FORBIDDEN), expand
 * an entity other than XML's five and numeric references (entities.ts), recurse (open elements
 * live in an explicit stack bounded by MAX_XML_DEPTH), or loop without consuming input: every scan
 * is an indexOf or a character loop that moves forward, so hostile input ends in XML_MALFORMED.
 */
export function scanXml(xml: string): XmlNode {
  return new XmlScanner(xml).run();
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const SQUOTE = 39;
const SLASH = 47;
const COLON = 58;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;

const isXmlSpace = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;

/**
 * ASCII part of XML's Name production: 2 = may start a name (letters, `_`, `:`), 1 = may continue
 * one (also digits, `-`, `.`). Anything else ends the name; the grammar then decides if that is an error.
 */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) ASCII_NAME[c] = 2;
  else if (/[0-9.-]/.test(ch)) ASCII_NAME[c] = 1;
}

/**
 * Non-ASCII characters are accepted in names without checking XML's ranges, except those that
 * JavaScript's `\s` matches: fast-xml-parser split names there, so accepting them would silently
 * give a different key; refusing them keeps "same JSON or XML_MALFORMED".
 */
const isNonAsciiNameChar = (c: number): boolean =>
  c >= 0x80 &&
  c !== 0xa0 &&
  c !== 0x1680 &&
  !(c >= 0x2000 && c <= 0x200a) &&
  c !== 0x2028 &&
  c !== 0x2029 &&
  c !== 0x202f &&
  c !== 0x205f &&
  c !== 0x3000 &&
  c !== 0xfeff;

/**
 * Element names fast-xml-parser refused (they would reach Object.prototype) or renamed with a `__`
 * prefix; kept so that such names still fail, and the keys stay the same.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const RENAMED_NAMES: ReadonlySet<string> = new Set([
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const CRLF = /\r\n?/g;

/** One open element (frames are pooled by depth: a document allocates about its depth in frames). */
interface Frame {
  /** As written, to match the end tag. */
  rawName: string;
  /** The JSON key (rawName unless renamed, see RENAMED_NAMES). */
  key: string;
  repeatable: boolean;
  /** Child elements, created on the first one. */
  children: XmlNode | undefined;
  /** Decoded text collected so far (fast-xml-parser concatenated an element's text segments). */
  text: string;
  /** Attributes as flat [key, value, key, value…], added to the node last (see closeValue). */
  attrs: string[];
  attrLength: number;
}

const newFrame = (): Frame => ({
  rawName: '',
  key: '',
  repeatable: false,
  children: undefined,
  text: '',
  attrs: [],
  attrLength: 0,
});

class XmlScanner {
  private readonly xml: string;
  /** CR is normalized to LF in values (XML line-end handling); most files have none, so skip the check. */
  private readonly hasCR: boolean;
  /** frames[0] stands for the document; frames[depth] is the innermost open element. */
  private readonly frames: Frame[] = [newFrame()];
  private depth = 0;
  private rootSeen = false;
  /**
   * Raw text not yet stored. fast-xml-parser trimmed and decoded text per segment between markup, but
   * comments did not end a segment: `a <!-- c --> b` is one segment, `a  b`. So text waits here until
   * the next tag, PI or CDATA.
   */
  private pendingText = '';
  /** Set by startTag: where the next `<` is, found while checking the tag (saves a second search). */
  private nextLt = -1;
  /** Set by name(): index of the first `:` in the last name read, or -1. */
  private colon = -1;

  constructor(xml: string) {
    this.xml = xml;
    this.hasCR = xml.indexOf('\r') !== -1;
    this.frames[0]!.children = {};
  }

  run(): XmlNode {
    const xml = this.xml;
    let pos = 0;
    let lt = xml.indexOf('<');
    while (lt !== -1) {
      this.text(pos, lt);
      const c = xml.charCodeAt(lt + 1);
      if (c === SLASH) {
        pos = this.endTag(lt);
      } else if (c === QUESTION) {
        pos = this.processingInstruction(lt);
      } else if (c === BANG) {
        pos = this.commentOrCdata(lt);
      } else {
        pos = this.startTag(lt);
        lt = this.nextLt;
        continue;
      }
      lt = xml.indexOf('<', pos);
    }
    this.text(pos, xml.length);
    if (this.depth > 0) {
      throw malformed(`<${this.frames[this.depth]!.rawName.slice(0, 60)}> is not closed (truncated?)`, pos);
    }
    return this.frames[0]!.children!;
  }

  /** Character data between two pieces of markup, [from, to). */
  private text(from: number, to: number): void {
    if (from === to) return;
    if (this.depth === 0) {
      this.outsideRoot(from, to);
    } else if (this.pendingText !== '' || !this.isBlank(from, to)) {
      // Leading whitespace-only runs are skipped: trimming would drop them anyway.
      this.pendingText += this.slice(from, to);
    }
  }

  /**
   * Only whitespace may stand outside the root element. Before it, any JavaScript whitespace (what
   * fast-xml-parser ignored there, e.g. U+00A0); after it, only XML whitespace (what the previous
   * truncation check allowed).
   */
  private outsideRoot(from: number, to: number): void {
    if (this.isBlank(from, to)) return;
    if (!this.rootSeen && this.xml.slice(from, to).trim() === '') return;
    throw malformed('text outside the root element', from);
  }

  private isBlank(from: number, to: number): boolean {
    const xml = this.xml;
    for (let i = from; i < to; i++) if (!isXmlSpace(xml.charCodeAt(i))) return false;
    return true;
  }

  /** Moves pending text into the innermost element: trimmed, then entities decoded (in that order). */
  private flushText(): void {
    if (this.pendingText === '') return;
    const trimmed = this.pendingText.trim();
    this.pendingText = '';
    if (trimmed !== '') this.frames[this.depth]!.text += decodeEntities(trimmed);
  }

  /** `<name attr="v" …>` or `<name … />`, at lt. Returns the index after `>`. */
  private startTag(lt: number): number {
    this.flushText();
    if (this.depth === 0 && this.rootSeen) throw malformed('more than one root element', lt);
    const xml = this.xml;
    // A `<` before this tag's `>` can only be inside an attribute value, which XML forbids. The
    // search is not wasted: the main loop continues from this `<`.
    const nextLt = xml.indexOf('<', lt + 1);
    const nameEnd = this.name(lt + 1);
    const colon = this.colon;
    const rawName = xml.slice(lt + 1, nameEnd);
    const frame = this.frameAt(this.depth + 1);
    frame.attrLength = 0;
    let p = nameEnd;
    let selfClosing = false;
    for (;;) {
      const spaceStart = p;
      let c = xml.charCodeAt(p);
      while (isXmlSpace(c)) c = xml.charCodeAt(++p);
      if (c === GT) {
        p++;
        break;
      }
      if (c === SLASH && xml.charCodeAt(p + 1) === GT) {
        selfClosing = true;
        p += 2;
        break;
      }
      // Attributes are separated from the name and from each other by whitespace.
      if (p === spaceStart) throw malformed(`unexpected character in <${rawName.slice(0, 60)}>`, p);
      p = this.attribute(p, frame);
    }
    if (nextLt !== -1 && nextLt < p)
      throw malformed(`"<" in an attribute value of <${rawName.slice(0, 60)}>`, nextLt);
    this.nextLt = nextLt;

    frame.rawName = rawName;
    frame.key = colon === -1 ? unprefixedKey(rawName, lt) : rawName;
    // fast-xml-parser's truncation check compared a renamed root with its end tag and failed.
    if (this.depth === 0 && frame.key !== rawName)
      throw malformed(`the root element cannot be <${rawName}>`, lt);
    frame.repeatable = REPEATABLE_ELEMENTS.has(colon === -1 ? frame.key : rawName.slice(colon - lt));
    frame.children = undefined;
    frame.text = '';
    if (selfClosing) {
      this.addToParent(frame);
    } else {
      // Same bound as fast-xml-parser's maxNestedTags: it counts the open ancestors of a new start
      // tag, so the root plus MAX_XML_DEPTH nested open elements are allowed.
      if (this.depth > MAX_XML_DEPTH) {
        throw new CfdiParseError('XML_TOO_DEEP', `elements nest deeper than ${MAX_XML_DEPTH} levels`);
      }
      this.depth++;
    }
    return p;
  }

  /** `name = "value"` (or single quotes) at p, stored in frame. Returns the index after the quote. */
  private attribute(p: number, frame: Frame): number {
    const xml = this.xml;
    const nameEnd = this.name(p);
    const name = xml.slice(p, nameEnd);
    let q = nameEnd;
    while (isXmlSpace(xml.charCodeAt(q))) q++;
    if (xml.charCodeAt(q) !== EQUALS) throw malformed(`attribute ${name.slice(0, 60)} has no value`, q);
    q++;
    while (isXmlSpace(xml.charCodeAt(q))) q++;
    const quote = xml.charCodeAt(q);
    if (quote !== DQUOTE && quote !== SQUOTE)
      throw malformed(`attribute ${name.slice(0, 60)} is not quoted`, q);
    const end = xml.indexOf(quote === DQUOTE ? '"' : "'", q + 1);
    if (end === -1) throw malformed(`attribute ${name.slice(0, 60)} is not terminated`, q);
    // As fast-xml-parser did: trimmed, then decoded; tabs and newlines inside stay as written.
    const value = decodeEntities(this.slice(q + 1, end).trim());
    frame.attrs[frame.attrLength++] = ATTR + name;
    frame.attrs[frame.attrLength++] = value;
    return end + 1;
  }

  /** Reads a name starting at p and returns its end; sets this.colon. */
  private name(p: number): number {
    const xml = this.xml;
    let c = xml.charCodeAt(p);
    if (!(c < 128 ? ASCII_NAME[c] === 2 : isNonAsciiNameChar(c))) throw malformed('a name was expected', p);
    let colon = -1;
    for (;;) {
      if (c === COLON && colon === -1) colon = p;
      c = xml.charCodeAt(++p);
      if (c < 128 ? ASCII_NAME[c] === 0 : !isNonAsciiNameChar(c)) break;
    }
    this.colon = colon;
    return p;
  }

  /** `</name>` at lt: must close the innermost open element. Returns the index after `>`. */
  private endTag(lt: number): number {
    this.flushText();
    const xml = this.xml;
    if (this.depth === 0) throw malformed('end tag without a start tag', lt);
    const frame = this.frames[this.depth]!;
    const matches = xml.startsWith(frame.rawName, lt + 2);
    let p = lt + 2 + frame.rawName.length;
    while (isXmlSpace(xml.charCodeAt(p))) p++;
    if (!matches || xml.charCodeAt(p) !== GT) {
      throw malformed(`expected </${frame.rawName.slice(0, 60)}>`, lt);
    }
    this.depth--;
    this.addToParent(frame);
    return p + 1;
  }

  /**
   * Processing instructions (and the XML declaration) are dropped. They end at the first `?>` outside
   * quotes, as in fast-xml-parser (a PI whose text has an unpaired quote is malformed there too).
   */
  private processingInstruction(lt: number): number {
    this.flushText();
    const xml = this.xml;
    for (let p = lt + 1; p < xml.length; p++) {
      const c = xml.charCodeAt(p);
      if (c === DQUOTE || c === SQUOTE) {
        p = xml.indexOf(c === DQUOTE ? '"' : "'", p + 1);
        if (p === -1) break;
      } else if (c === QUESTION && xml.charCodeAt(p + 1) === GT) {
        return p + 2;
      }
    }
    throw malformed('processing instruction is not terminated', lt);
  }

  /** Comments are dropped without ending the text segment; CDATA text is kept as is (no trim, no decoding). */
  private commentOrCdata(lt: number): number {
    const xml = this.xml;
    if (xml.startsWith('--', lt + 2)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw malformed('comment is not terminated', lt);
      return end + 3;
    }
    if (xml.startsWith('[CDATA[', lt + 2)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) throw malformed('CDATA section is not terminated', lt);
      if (this.depth === 0) throw malformed('CDATA outside the root element', lt);
      this.flushText();
      this.frames[this.depth]!.text += this.slice(lt + 9, end);
      return end + 3;
    }
    // parseXml refuses these before scanning; this keeps the scanner safe on its own.
    throw new CfdiParseError('DTD_FORBIDDEN', 'DOCTYPE and entity declarations are not allowed');
  }

  /**
   * Stores a finished element in its parent, with fast-xml-parser's shapes: repeatable names always
   * in an array, any other name becomes an array on its second occurrence.
   */
  private addToParent(frame: Frame): void {
    const parent = this.frames[this.depth]!;
    const value = closeValue(frame);
    parent.children ??= {};
    const siblings = parent.children;
    const previous = siblings[frame.key];
    // A function here is inherited from Object.prototype (e.g. <isPrototypeOf>), not a sibling.
    if (previous === undefined || typeof previous === 'function') {
      siblings[frame.key] = frame.repeatable ? [value] : value;
    } else if (Array.isArray(previous)) {
      previous.push(value);
    } else {
      siblings[frame.key] = [previous, value];
    }
    if (this.depth === 0) this.rootSeen = true;
  }

  private frameAt(depth: number): Frame {
    let frame = this.frames[depth];
    if (frame === undefined) {
      frame = newFrame();
      this.frames[depth] = frame;
    }
    return frame;
  }

  /** Source text [from, to) with CRLF and lone CR turned into LF. */
  private slice(from: number, to: number): string {
    const s = this.xml.slice(from, to);
    return this.hasCR && s.indexOf('\r') !== -1 ? s.replace(CRLF, '\n') : s;
  }
}

/**
 * An element's JSON value, in fast-xml-parser's key order: child elements (by first occurrence),
 * then `#text`, then the attributes. Only text → the string; nothing at all → ''.
 */
function closeValue(frame: Frame): unknown {
  let node = frame.children;
  if (frame.attrLength === 0) {
    if (node === undefined) return frame.text;
    if (frame.text !== '') node[TEXT_KEY] = frame.text;
    return node;
  }
  node ??= {};
  if (frame.text !== '') node[TEXT_KEY] = frame.text;
  const attrs = frame.attrs;
  for (let i = 0; i < frame.attrLength; i += 2) {
    const key = attrs[i]!;
    // Child keys never start with '@', so anything already there is the same attribute twice.
    if (node[key] !== undefined) throw malformed(`duplicate attribute ${key.slice(1, 61)}`, -1);
    node[key] = attrs[i + 1];
  }
  return node;
}

function unprefixedKey(name: string, at: number): string {
  if (FORBIDDEN_NAMES.has(name)) throw malformed(`element name <${name}> is not allowed`, at);
  return RENAMED_NAMES.has(name) ? `__${name}` : name;
}

function malformed(message: string, at: number): CfdiParseError {
  return new CfdiParseError(
    'XML_MALFORMED',
    `malformed XML${at >= 0 ? ` at character ${at}` : ''}: ${message}`,
  );
}
