import { parseXml, type XmlNode } from '../core/xml.ts';

/** A mandatory field a draft lacks: where, which, and what to do, in English and Chinese. */
export interface MissingField {
  path: string;
  field: string;
  label: string;
  labelZh: string;
  message: string;
  messageZh: string;
}

/**
 * Fields the regulator requires about the customer, by element name. A placeholder (`@N` "unobtainable",
 * goAML/FinCEN `UNKNOWN`) or an empty value is "missing": the draft shows it and cannot be approved until
 * the party record (or the event) supplies it.
 */
const mandatory: Record<string, { label: string; labelZh: string }> = {
  CTNM: { label: 'customer name', labelZh: '客户名称' },
  CITP: { label: 'customer ID type', labelZh: '客户身份证件类型' },
  CTID: { label: 'customer ID number', labelZh: '客户身份证件号码' },
  CTNT: { label: 'customer nationality', labelZh: '客户国籍' },
  first_name: { label: 'first name', labelZh: '名' },
  last_name: { label: 'last name', labelZh: '姓' },
  id_number: { label: 'ID number', labelZh: '证件号码' },
  'fc2:RawEntityIndividualLastName': { label: 'last name', labelZh: '姓' },
  'fc2:RawIndividualFirstName': { label: 'first name', labelZh: '名' },
};
const placeholders = new Set(['', '@N', 'UNKNOWN']);

/** The mandatory fields a report file lacks (none for a complete file, or one that does not parse). */
export function missingFields(xml: string): MissingField[] {
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch {
    return [];
  }
  const out: MissingField[] = [];
  const add = (path: string, field: string): void => {
    const m = mandatory[field] ?? { label: field, labelZh: field };
    out.push({
      path,
      field,
      label: m.label,
      labelZh: m.labelZh,
      message: `${m.label} (${field}) is missing`,
      messageZh: `缺少${m.labelZh}（${field}）`,
    });
  };
  const walk = (n: XmlNode, path: string): void => {
    if (mandatory[n.name] && !n.children && placeholders.has((n.text ?? '').trim())) add(path, n.name);
    // goAML: a person who is our client is identified by an ID number.
    if (/_person$/.test(n.name) && /_my_client\[\d+\]$/.test(path.slice(0, path.lastIndexOf('/'))))
      if (!(n.children ?? []).some((c) => c.name === 'id_number')) add(`${path}/id_number`, 'id_number');
    const seen = new Map<string, number>();
    for (const c of n.children ?? []) {
      const i = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, i);
      walk(c, `${path}/${c.name}[${i}]`);
    }
  };
  walk(root, `/${root.name}`);
  return out;
}
