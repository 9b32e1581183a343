import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FimError } from './errors.js';

/** An XML element with its prefix removed from the name; text is the concatenated, trimmed character data. */
export interface XmlElement {
  readonly name: string;
  readonly prefix: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

export interface ParseXmlOptions {
  /** The largest document accepted, in bytes of UTF-8. */
  maxBytes: number;
  /** The deepest element nesting accepted. */
  maxDepth: number;
}

type OrderedNode = Record<string, unknown>;

/**
 * The size of a text in UTF-8 (or of bytes), counted without Node's Buffer so that the importer also runs in a
 * browser (the designer imports there). A lone surrogate counts as the three bytes of U+FFFD, as TextEncoder writes it.
 */
export function byteLength(input: string | Uint8Array): number {
  if (typeof input !== 'string') return input.byteLength;
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < input.length && (input.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Parses an XML document into a small element tree.
 *
 * The size is checked before anything else and a DOCTYPE is refused outright: FIM files never declare one,
 * and internal entities are how an "XML bomb" expands a few bytes into gigabytes.
 *
 * @throws FimError `XML_TOO_LARGE`, `XML_DOCTYPE`, `XML_MALFORMED` (with line and column) or `XML_TOO_DEEP`.
 */
export function parseXml(input: string | Uint8Array, options: ParseXmlOptions): XmlElement {
  const bytes = byteLength(input);
  if (bytes > options.maxBytes) {
    throw new FimError('XML_TOO_LARGE', `the XML document has ${bytes} bytes; the limit is ${options.maxBytes} (option maxBytes)`);
  }
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new FimError('XML_DOCTYPE', 'the XML document declares a DOCTYPE or entities; XDatenfelder files have none, and they are refused so that entity expansion cannot exhaust memory');
  }
  let valid;
  try {
    valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (e) {
    throw asParseFailure(e);
  }
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FimError('XML_MALFORMED', `the file is not well-formed XML: ${msg} (line ${line}, column ${col})`, { line, column: col });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    commentPropName: '#comment',
    // decodeEntities does this in one pass below: the parser leaves character references such as &#13; alone.
    processEntities: false,
    htmlEntities: false,
  });
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (e) {
    throw asParseFailure(e);
  }
  const root = nodes.find((n) => elementName(n) !== undefined);
  if (!root) throw new FimError('XML_MALFORMED', 'the file holds no XML element');
  return toElement(root, 1, options.maxDepth);
}

function asParseFailure(e: unknown): FimError {
  if (e instanceof RangeError) return new FimError('XML_TOO_DEEP', 'the XML document is nested too deeply to parse');
  return new FimError('XML_MALFORMED', `the file is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment' && !k.startsWith('?'));
}

function toElement(node: OrderedNode, depth: number, maxDepth: number): XmlElement {
  if (depth > maxDepth) throw new FimError('XML_TOO_DEEP', `the XML elements are nested more than ${maxDepth} deep`);
  const qualified = elementName(node)!;
  const colon = qualified.indexOf(':');
  const content = (node[qualified] ?? []) as OrderedNode[];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of content) {
    if ('#text' in child) text += decodeEntities(String(child['#text']));
    else if (elementName(child) !== undefined) children.push(toElement(child, depth + 1, maxDepth));
  }
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries((node[':@'] ?? {}) as Record<string, unknown>)) attributes[k] = decodeEntities(String(v));
  return {
    name: colon === -1 ? qualified : qualified.slice(colon + 1),
    prefix: colon === -1 ? '' : qualified.slice(0, colon),
    attributes,
    children,
    text: text.trim(),
  };
}

const predefined: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references, the only ones XML without a DTD has. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (!name.startsWith('#')) return predefined[name]!;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The first child element called `name` (without prefix). */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child element called `name`. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The text of the element at a path of child names, or `''`. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string {
  let current = element;
  for (const name of path) current = child(current, name);
  return current?.text ?? '';
}
