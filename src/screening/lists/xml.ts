/**
 * A minimal XML reader for data files such as the UN consolidated list: elements, attributes and text,
 * the five predefined entities and numeric character references. No DTDs, no external entities (so no
 * XXE or entity expansion), CDATA kept as text. Throws on mismatched tags rather than guessing.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/gu, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return entities[e] ?? m;
  });
}

export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const re =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const top = stack[stack.length - 1] as XmlElement;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += decodeEntities(m[6]);
    else if (m[3] !== undefined) {
      if (m[2] === '/') {
        if (top.name !== m[3]) throw new Error(`XML: </${m[3]}> closes <${top.name}> at offset ${m.index}`);
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu)) {
        attrs[a[1] ?? ''] = decodeEntities(a[2] ?? a[3] ?? '');
      }
      const el: XmlElement = { name: m[3], attrs, children: [], text: '' };
      top.children.push(el);
      if (m[5] !== '/') stack.push(el);
    } else if (m[0].startsWith('<') && !/^<(!--|\?|!DOCTYPE)/u.test(m[0])) {
      throw new Error(`XML: malformed markup at offset ${m.index}`);
    }
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]?.name ?? '?'}> is not closed`);
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Trimmed text of a child element, '' when absent. */
export function textOf(el: XmlElement, name: string): string {
  return child(el, name)?.text.trim() ?? '';
}
