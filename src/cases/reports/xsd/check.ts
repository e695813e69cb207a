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
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [{ path: '', message: `is not well-formed XML (${(e as Error).message})`, messageZh: 'XML 格式不正确' }];
  }
  const form = root.children?.find((c) => c.name === 'fc2:FormTypeCode')?.text;
  const name = schemaFor(root.name, form);
  if (!name)
    return [{ path: `/${root.name}`, message: 'is not a supported root element', messageZh: '不支持的根元素' }];
  const r = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: `${name}.xsd`, contents: schemaText(name) }],
  });
  if (r.valid) return [];
  return r.errors.slice(0, 50).map((e) => ({
    path: e.loc ? `line ${e.loc.lineNumber}` : '',
    message: `fails the ${name} schema: ${e.message.trim()}`,
    messageZh: `不符合 ${name} 报文格式（XSD）：${e.message.trim()}`,
  }));
}
