import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** A minimal XML tree: elements with attributes and either text or children (the report layouts need no more). */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF), and the
 * C1 controls and DEL which it can carry but no regulator's system wants in a name or narrative.
 */

const notXml =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text fit for an XML 1.0 file: forbidden characters become a space, runs of spaces they leave collapse. */
export function xmlSafe(s: string): string {
  if (!notXml.test(s)) return s;
  notXml.lastIndex = 0;
  return s.replace(notXml, ' ').replace(/ {2,}/g, ' ');
}

export const el = (name: string, content?: string | XmlNode[], attrs?: Record<string, string>): XmlNode => ({
  name,
  ...(attrs ? { attrs } : {}),
  ...(typeof content === 'string' ? { text: content } : content ? { children: content } : {}),
});

type Ordered = Record<string, unknown>;
const ATTRS = ':@';

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

function toOrdered(n: XmlNode): Ordered {
  const attrs = Object.fromEntries(Object.entries(n.attrs ?? {}).map(([k, v]) => [k, xmlSafe(v)]));
  const body =
    n.children && n.children.length > 0
      ? n.children.map(toOrdered)
      : n.text !== undefined && n.text !== ''
        ? [{ '#text': xmlSafe(n.text) }]
        : [];
  return { [n.name]: body, ...(n.attrs ? { [ATTRS]: attrs } : {}) };
}

/**
 * UTF-8 XML with a declaration, two-space indentation, LF line ends: byte-stable for golden files. Text
 * and attribute values are cleaned of characters XML 1.0 cannot carry (see `xmlSafe`).
 */
export function serializeXml(root: XmlNode, decl = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  const body = builder
    .build([toOrdered(root)])
    .replace(/^\n+/, '')
    .replace(/\n*$/, '');
  return `${decl}\n${body}\n`;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  commentPropName: '#comment',
  processEntities: true,
});

function fromOrdered(o: Ordered): XmlNode | undefined {
  const name = Object.keys(o).find((k) => k !== ATTRS);
  if (!name || name.startsWith('?') || name === '#comment') return undefined;
  const n: XmlNode = { name };
  const attrs = o[ATTRS] as Record<string, string> | undefined;
  if (attrs && Object.keys(attrs).length > 0) n.attrs = { ...attrs };
  let text = '';
  for (const c of o[name] as Ordered[]) {
    if ('#text' in c) text += String(c['#text']);
    else {
      const k = fromOrdered(c);
      if (k) (n.children ??= []).push(k);
    }
  }
  if (n.children && text.trim() !== '') throw new SyntaxError(`mixed content in <${name}>`);
  if (!n.children && text !== '') n.text = text;
  return n;
}

/**
 * Parses a report file with fast-xml-parser after its well-formedness check (which rejects unclosed
 * tags and comments instead of looping): files are validated from their bytes, not from the tree that
 * made them. Throws SyntaxError naming the problem and line.
 */
export function parseXml(xml: string): XmlNode {
  const ok = XMLValidator.validate(xml);
  if (ok !== true) throw new SyntaxError(`${ok.err.msg} (line ${ok.err.line}, column ${ok.err.col})`);
  const roots = (parser.parse(xml) as Ordered[]).map(fromOrdered).filter((n): n is XmlNode => n !== undefined);
  if (roots.length !== 1) throw new SyntaxError(`expected one root element, found ${roots.length}`);
  return roots[0] as XmlNode;
}
