/** A minimal XML tree: elements with attributes and either text or children (the report layouts need no more). */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const unesc = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e === 'amp') return '&';
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

export const el = (name: string, content?: string | XmlNode[], attrs?: Record<string, string>): XmlNode => ({
  name,
  ...(attrs ? { attrs } : {}),
  ...(typeof content === 'string' ? { text: content } : content ? { children: content } : {}),
});

/** UTF-8 XML with a declaration, two-space indentation, LF line ends: byte-stable for golden files. */
export function serializeXml(root: XmlNode, decl = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  const lines: string[] = [decl];
  const walk = (n: XmlNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const attrs = Object.entries(n.attrs ?? {})
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('');
    if (n.children && n.children.length > 0) {
      lines.push(`${pad}<${n.name}${attrs}>`);
      for (const c of n.children) walk(c, depth + 1);
      lines.push(`${pad}</${n.name}>`);
    } else if (n.text !== undefined && n.text !== '') {
      lines.push(`${pad}<${n.name}${attrs}>${esc(n.text)}</${n.name}>`);
    } else {
      lines.push(`${pad}<${n.name}${attrs}/>`);
    }
  };
  walk(root, 0);
  return `${lines.join('\n')}\n`;
}

/**
 * Parses the XML subset we write (declaration, comments, elements, attributes, text; no DTD, no CDATA):
 * files are validated from their bytes, not from the tree that made them.
 */
export function parseXml(xml: string): XmlNode {
  let i = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError(`${msg} at offset ${i}`);
  };
  const skipMisc = (): void => {
    for (;;) {
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml.startsWith('<?', i)) i = xml.indexOf('?>', i) + 2 || fail('unterminated declaration');
      else if (xml.startsWith('<!--', i)) i = xml.indexOf('-->', i) + 3 || fail('unterminated comment');
      else return;
    }
  };
  const name = (): string => {
    const m = /^[A-Za-z_][\w.:-]*/.exec(xml.slice(i, i + 200));
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const element = (): XmlNode => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const n: XmlNode = { name: name() };
    for (;;) {
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml.startsWith('/>', i)) {
        i += 2;
        return n;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const k = name();
      const m = /^\s*=\s*"([^"<]*)"/.exec(xml.slice(i));
      if (!m) fail(`bad attribute ${k}`);
      i += (m as RegExpExecArray)[0].length;
      (n.attrs ??= {})[k] = unesc((m as RegExpExecArray)[1] ?? '');
    }
    let text = '';
    for (;;) {
      if (i >= xml.length) fail(`unclosed <${n.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const close = name();
        if (close !== n.name) fail(`</${close}> closes <${n.name}>`);
        while (/\s/.test(xml[i] ?? '')) i++;
        if (xml[i] !== '>') fail('expected >');
        i++;
        if (!n.children && text !== '') n.text = unesc(text);
        else if (n.children && text.trim() !== '') fail(`mixed content in <${n.name}>`);
        return n;
      }
      if (xml.startsWith('<!--', i)) {
        i = xml.indexOf('-->', i) + 3 || fail('unterminated comment');
      } else if (xml[i] === '<') {
        if (text.trim() !== '') fail(`mixed content in <${n.name}>`);
        text = '';
        (n.children ??= []).push(element());
      } else {
        const next = xml.indexOf('<', i);
        text += xml.slice(i, next < 0 ? xml.length : next);
        i = next < 0 ? xml.length : next;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < xml.length) fail('content after the root element');
  return root;
}
