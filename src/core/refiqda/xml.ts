/** XML reading and writing for REFI-QDA (fast-xml-parser), and stable GUIDs. */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { sha256Hex } from '../annotations/sha256';
import { GUID } from '../codes/codebook';

/** A GUID derived from a name (SHA-256, formatted as an RFC 4122 version-5-style UUID): the same name, the same GUID. */
export function stableGuid(name: string): string {
  const h = sha256Hex(name);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

export function normalizeGuid(s: string): string {
  return s.replace(/^\{|\}$/g, '').toLowerCase();
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

export function buildXml(root: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(root) as string}`;
}

/** Elements that may repeat, read as arrays whatever their count. */
const REPEATED = new Set(['User', 'Code', 'TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note', 'Variable', 'VariableValue', 'Set', 'MemberCode', 'Case', 'Link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Parse XML; a document that is not well-formed is an XmlError with its line and column. */
export function parseXml(text: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(valid.err.msg, valid.err.line, valid.err.col);
  return parser.parse(text) as Record<string, unknown>;
}

export type XmlNode = Record<string, unknown>;

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : v === undefined ? undefined : String(v);
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : { '#text': String(x) }));
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

export function text(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const t = node['#text'];
  return t === undefined ? '' : String(t);
}
