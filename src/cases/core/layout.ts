import type { XmlNode } from './xml.ts';

/**
 * Our machine-readable reading of a published report layout: which elements, in which order, which are
 * required, repeated, and what their values look like. Files are checked against it before anyone can
 * download them; each problem names the element path.
 */
export type Layout = (
  | { kind: 'text'; name: string; optional?: boolean; max?: number; pattern?: RegExp; hint?: string; empty?: boolean }
  | { kind: 'group'; name: string; optional?: boolean; children: Layout[] }
  /** A wrapper (`CATIs`) holding `min`.. repeats of one item layout; `seqno` numbers the items 1, 2, …. */
  | { kind: 'list'; name: string; optional?: boolean; item: Layout; min?: number; max?: number; seqno?: boolean }
) & { many?: boolean };

export interface LayoutProblem {
  path: string;
  message: string;
  messageZh: string;
}

export const text = (name: string, max: number, pattern?: RegExp, hint?: string): Layout => ({
  kind: 'text',
  name,
  max,
  ...(pattern ? { pattern } : {}),
  ...(hint ? { hint } : {}),
});
export const group = (name: string, children: Layout[]): Layout => ({ kind: 'group', name, children });
export const list = (name: string, item: Layout, min = 1, seqno = true): Layout => ({
  kind: 'list',
  name,
  item,
  min,
  seqno,
});
export const optional = (l: Layout): Layout => ({ ...l, optional: true });
/** The element must be present but may be empty (e.g. FinCEN indicators: `Y` or empty). */
export const emptyOk = (l: Layout): Layout => (l.kind === 'text' ? { ...l, empty: true } : l);
/** The element may repeat in place (no wrapper), e.g. goAML `transaction`; checked as one per occurrence. */
export const many = (l: Layout): Layout => ({ ...l, many: true });

export function validateLayout(node: XmlNode, layout: Layout, path = ''): LayoutProblem[] {
  const here = `${path}/${node.name}`;
  const out: LayoutProblem[] = [];
  const problem = (p: string, message: string, messageZh: string): void => {
    out.push({ path: p, message, messageZh });
  };
  if (node.name !== layout.name) {
    problem(here, `expected <${layout.name}>`, `此处应为 <${layout.name}>`);
    return out;
  }
  if (layout.kind === 'text') {
    const v = node.text ?? '';
    if (node.children) problem(here, 'must hold a value, not elements', '应为取值而非子元素');
    else if (v === '') {
      if (!layout.empty) problem(here, 'is required and empty', '为必填项但为空');
    } else if (layout.max !== undefined && [...v].length > layout.max)
      problem(here, `is longer than ${layout.max} characters`, `超过 ${layout.max} 个字符`);
    else if (layout.pattern && !layout.pattern.test(v))
      problem(
        here,
        `"${v}" is not ${layout.hint ?? `of the form ${String(layout.pattern)}`}`,
        `取值 "${v}" 不符合格式要求`,
      );
    return out;
  }
  const kids = node.children ?? [];
  if (layout.kind === 'list') {
    const min = layout.min ?? 1;
    if (kids.length < min)
      problem(here, `needs at least ${min} <${layout.item.name}>`, `至少需要 ${min} 个 <${layout.item.name}>`);
    if (layout.max !== undefined && kids.length > layout.max)
      problem(
        here,
        `holds more than ${layout.max} <${layout.item.name}>`,
        `<${layout.item.name}> 超过 ${layout.max} 个`,
      );
    kids.forEach((k, i) => {
      const p = `${here}/${k.name}[${i + 1}]`;
      if (layout.seqno && k.attrs?.seqno !== String(i + 1))
        problem(p, `seqno must be ${i + 1}`, `序号 seqno 应为 ${i + 1}`);
      out.push(
        ...validateLayout(k, layout.item, here).map((x) =>
          x.path.startsWith(`${here}/${k.name}`) ? { ...x, path: x.path.replace(`${here}/${k.name}`, p) } : x,
        ),
      );
    });
    return out;
  }
  let j = 0;
  for (const child of layout.children) {
    const k = kids[j];
    if (k && k.name === child.name && child.many) {
      for (let n = 1; kids[j]?.name === child.name; n++, j++) {
        const p = `${here}/${child.name}[${n}]`;
        out.push(
          ...validateLayout(kids[j] as XmlNode, child, here).map((x) => ({
            ...x,
            path: x.path.replace(`${here}/${child.name}`, p),
          })),
        );
      }
    } else if (k && k.name === child.name) {
      out.push(...validateLayout(k, child, here));
      j++;
    } else if (!child.optional) {
      problem(`${here}/${child.name}`, 'is required and missing', '为必填项但缺失');
    }
  }
  for (; j < kids.length; j++)
    problem(`${here}/${kids[j]?.name ?? '?'}`, 'is not part of the layout here', '不属于此处的报文结构');
  return out;
}
