import type { Layout } from '../../core/layout.ts';
import { ctrxLayout, sarxLayout } from '../fincen/layout.ts';
import { goamlLayout } from '../goaml/layout.ts';
import { bstrLayout, dhtrLayout, hvtrLayout } from '../pboc/layouts.ts';
import { layoutToXsd } from './generate.ts';

/** Every file kind we write, by the name its schema file has under docs/reports/xsd/. */
export const reportSchemas: Record<string, { layout: Layout; namespace?: string }> = {
  'pboc-HVTR': { layout: hvtrLayout },
  'pboc-DHTR': { layout: dhtrLayout },
  'pboc-BSTR': { layout: bstrLayout },
  'goaml-report': { layout: goamlLayout },
  'fincen-SARX': { layout: sarxLayout, namespace: 'www.fincen.gov/base' },
  'fincen-CTRX': { layout: ctrxLayout, namespace: 'www.fincen.gov/base' },
};

const cache = new Map<string, string>();

/** The generated XSD text of one schema (cached: the layouts are constants). */
export function schemaText(name: string): string {
  let s = cache.get(name);
  if (s === undefined) {
    const def = reportSchemas[name];
    if (!def) throw new RangeError(`no schema ${name}`);
    s = layoutToXsd(def.layout, def.namespace);
    cache.set(name, s);
  }
  return s;
}

/** Which schema a file's root (and, for FinCEN, its form type) calls for. */
export function schemaFor(root: string, formType?: string): string | undefined {
  if (root === 'HVTR' || root === 'DHTR' || root === 'BSTR') return `pboc-${root}`;
  if (root === 'report') return 'goaml-report';
  if (root === 'fc2:EFilingBatchXML') return formType === 'CTRX' ? 'fincen-CTRX' : 'fincen-SARX';
  return undefined;
}
