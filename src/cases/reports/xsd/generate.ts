import type { Layout } from '../../core/layout.ts';

/**
 * XML Schema (XSD 1.0) from our layout tables, so that every file is checked by an independent
 * validator (libxml2 through xmllint-wasm) as well as by our own layout walk. Pure: text in, text out.
 *
 * What the layout does not say, the schema allows: attributes other than a list item's `seqno` are
 * accepted unchecked (FinCEN's counts and SeqNums are checked by our batch rules), and choices
 * (goAML's from/to sides) are checked by our validators, not here.
 */

const escAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A JavaScript pattern as an XSD regular expression (implicitly anchored; no `(?:`). */
export function xsdPattern(re: RegExp): string {
  let s = re.source;
  if (s.startsWith('^')) s = s.slice(1);
  if (s.endsWith('$') && !s.endsWith('\\$')) s = s.slice(0, -1);
  return s.replace(/\(\?:/g, '(');
}

/** The element's name without a namespace prefix (the prefix is the schema's target namespace). */
const local = (name: string): string => name.replace(/^[^:]+:/, '');

function occurs(min: number, max: number | 'unbounded'): string {
  return `${min === 1 ? '' : ` minOccurs="${min}"`}${max === 1 ? '' : ` maxOccurs="${max}"`}`;
}

function element(l: Layout, pad: string, seqno: boolean, occ = ''): string[] {
  const head = `${pad}<xs:element name="${local(l.name)}"${occ}>`;
  const attrs = [
    ...(seqno ? [`${pad}    <xs:attribute name="seqno" type="xs:positiveInteger" use="required"/>`] : []),
    `${pad}    <xs:anyAttribute processContents="skip"/>`,
  ];
  if (l.kind === 'text')
    return [
      head,
      `${pad}  <xs:complexType>`,
      `${pad}    <xs:simpleContent>`,
      `${pad}      <xs:extension base="${typeName(l)}">`,
      ...attrs.map((a) => `    ${a}`),
      `${pad}      </xs:extension>`,
      `${pad}    </xs:simpleContent>`,
      `${pad}  </xs:complexType>`,
      `${pad}</xs:element>`,
    ];
  const inner = `${pad}      `;
  const kids =
    l.kind === 'list'
      ? element(l.item, inner, l.seqno ?? false, occurs(l.min ?? 1, l.max ?? 'unbounded'))
      : l.children.flatMap((c) => element(c, inner, false, occurs(c.optional ? 0 : 1, c.many ? 'unbounded' : 1)));
  return [
    head,
    `${pad}  <xs:complexType>`,
    `${pad}    <xs:sequence>`,
    ...kids,
    `${pad}    </xs:sequence>`,
    ...attrs,
    `${pad}  </xs:complexType>`,
    `${pad}</xs:element>`,
  ];
}

/** Simple types are named by their facets so that equal fields share one declaration. */
function typeName(l: Extract<Layout, { kind: 'text' }>): string {
  return `T_${l.empty ? 'e' : 'r'}_${l.max ?? 'x'}_${l.pattern ? hash(xsdPattern(l.pattern)) : 'any'}`;
}

function hash(s: string): string {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ (c.codePointAt(0) as number), 16777619) >>> 0;
  return h.toString(36);
}

function simpleTypes(l: Layout, out: Map<string, string[]>): void {
  if (l.kind === 'text') {
    const name = typeName(l);
    if (out.has(name)) return;
    const pattern = l.pattern ? xsdPattern(l.pattern) : undefined;
    out.set(name, [
      `  <xs:simpleType name="${name}">`,
      `    <xs:restriction base="xs:string">`,
      `      <xs:minLength value="${l.empty ? 0 : 1}"/>`,
      ...(l.max !== undefined ? [`      <xs:maxLength value="${l.max}"/>`] : []),
      ...(pattern ? [`      <xs:pattern value="${escAttr(l.empty ? `(${pattern})?` : pattern)}"/>`] : []),
      `    </xs:restriction>`,
      `  </xs:simpleType>`,
    ]);
  } else if (l.kind === 'list') simpleTypes(l.item, out);
  else for (const c of l.children) simpleTypes(c, out);
}

/**
 * The schema of one layout. `namespace`: the target namespace when element names carry a prefix
 * (FinCEN's `fc2:`); local elements are then qualified, attributes not.
 */
export function layoutToXsd(root: Layout, namespace?: string): string {
  const types = new Map<string, string[]>();
  simpleTypes(root, types);
  const ns = namespace
    ? ` targetNamespace="${escAttr(namespace)}" xmlns="${escAttr(namespace)}" elementFormDefault="qualified"`
    : '';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Generated from the layout table of <${root.name}> by src/cases/reports/xsd/generate.ts; do not edit. -->`,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"${ns}>`,
    ...element(root, '  ', false),
    ...[...types.values()].flat(),
    '</xs:schema>',
  ];
  return `${lines.join('\n')}\n`;
}
