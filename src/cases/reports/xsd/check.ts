import { validateXML } from 'xmllint-wasm';
import type { LayoutProblem } from '../../core/layout.ts';
import { parseXml, type XmlNode } from '../../core/xml.ts';
import { schemaFor, schemaText } from './schemas.ts';

/**
 * The independent checks every report file passes before it is offered for approval, submission or
 * download: a real parse (fast-xml-parser) and validation by libxml2 (xmllint-wasm) against the XSD
 * generated from our layout tables. libxml2 also rejects what XML 1.0 cannot carry (control characters).
 */
export async function checkReportFile(xml: string): Promise<LayoutProblem[]> {
  return (await checkReportFiles([xml]))[0] ?? [];
}

/**
 * The same checks for many files, one libxml2 run per schema: each run starts a worker and compiles
 * the WebAssembly module (about 0.2 s here), so a package's files are validated together, not one by one.
 */
export async function checkReportFiles(xmls: readonly string[]): Promise<LayoutProblem[][]> {
  const out: LayoutProblem[][] = xmls.map(() => []);
  const bySchema = new Map<string, number[]>();
  xmls.forEach((xml, i) => {
    let root: XmlNode;
    try {
      root = parseXml(xml);
    } catch (e) {
      out[i] = [{ path: '', message: `is not well-formed XML (${(e as Error).message})`, messageZh: 'XML 格式不正确' }];
      return;
    }
    const form = root.children?.find((c) => c.name === 'fc2:FormTypeCode')?.text;
    const name = schemaFor(root.name, form);
    if (!name) {
      out[i] = [{ path: `/${root.name}`, message: 'is not a supported root element', messageZh: '不支持的根元素' }];
      return;
    }
    bySchema.set(name, [...(bySchema.get(name) ?? []), i]);
  });
  for (const [name, indices] of bySchema) {
    const r = await validateXML({
      xml: indices.map((i) => ({ fileName: `report-${i}.xml`, contents: xmls[i] as string })),
      schema: [{ fileName: `${name}.xsd`, contents: schemaText(name) }],
    });
    if (r.valid) continue;
    for (const e of r.errors) {
      const i = Number(/^report-(\d+)\.xml$/.exec(e.loc?.fileName ?? '')?.[1] ?? indices[0]);
      const list = out[i] ?? [];
      if (list.length >= 50) continue;
      list.push({
        path: e.loc ? `line ${e.loc.lineNumber}` : '',
        message: `fails the ${name} schema: ${e.message.trim()}`,
        messageZh: `不符合 ${name} 报文格式（XSD）：${e.message.trim()}`,
      });
      out[i] = list;
    }
  }
  return out;
}
