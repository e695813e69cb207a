import { validateLayout, type LayoutProblem } from '../../core/layout.ts';
import { parseXml } from '../../core/xml.ts';
import { bstrLayout, dhtrLayout, hvtrLayout } from './layouts.ts';

const layouts = { HVTR: hvtrLayout, DHTR: dhtrLayout, BSTR: bstrLayout } as const;

/** Checks a PBOC file from its text against our layout for its root element. */
export function validatePbocXml(xml: string): LayoutProblem[] {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'))
    return [
      { path: '', message: 'must start with an XML declaration in UTF-8', messageZh: '须以 UTF-8 的 XML 声明开头' },
    ];
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [{ path: '', message: `is not well-formed XML (${(e as Error).message})`, messageZh: 'XML 格式不正确' }];
  }
  const layout = layouts[root.name as keyof typeof layouts] as (typeof layouts)[keyof typeof layouts] | undefined;
  if (!layout)
    return [{ path: `/${root.name}`, message: 'is not a supported root element', messageZh: '不支持的根元素' }];
  return validateLayout(root, layout);
}
