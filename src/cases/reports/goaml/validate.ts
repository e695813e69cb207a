import { validateLayout, type LayoutProblem } from '../../core/layout.ts';
import { parseXml, type XmlNode } from '../../core/xml.ts';
import { goamlLayout } from './layout.ts';

const kids = (n: XmlNode | undefined): XmlNode[] => n?.children ?? [];

/** The choices our layout engine cannot express: one sender, one receiver, one account or person each. */
function choices(root: XmlNode): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  kids(root)
    .filter((t) => t.name === 'transaction')
    .forEach((t, i) => {
      const here = `/report/transaction[${i + 1}]`;
      for (const dir of ['from', 'to']) {
        const sides = kids(t).filter((k) => k.name === `t_${dir}` || k.name === `t_${dir}_my_client`);
        if (sides.length !== 1)
          out.push({
            path: `${here}/t_${dir}`,
            message: `needs exactly one of t_${dir}_my_client or t_${dir}`,
            messageZh: `须有且仅有一个 t_${dir}_my_client 或 t_${dir}`,
          });
        for (const s of sides) {
          const n = kids(s).filter(
            (k) => k.name === `${dir}_account` || k.name === `${dir}_person` || k.name === `${dir}_entity`,
          ).length;
          if (n !== 1)
            out.push({
              path: `${here}/${s.name}`,
              message: `needs exactly one of ${dir}_account, ${dir}_person, ${dir}_entity`,
              messageZh: '须有且仅有一个账户、个人或机构',
            });
        }
      }
    });
  return out;
}

/**
 * Checks a goAML file from its text against our layout; with the FIU's code lists, also that every
 * indicator and the report code are in them.
 */
export function validateGoamlXml(
  xml: string,
  codes?: { indicators: readonly string[]; reportCodes: readonly string[] },
): LayoutProblem[] {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'))
    return [
      { path: '', message: 'must start with an XML declaration in UTF-8', messageZh: '须以 UTF-8 的 XML 声明开头' },
    ];
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [{ path: '', message: `is not well-formed XML (${(e as Error).message})`, messageZh: 'XML 格式不正确' }];
  }
  const out = validateLayout(root, goamlLayout);
  if (out.length > 0 || root.name !== 'report') return out;
  out.push(...choices(root));
  if (codes) {
    const code = kids(root).find((k) => k.name === 'report_code')?.text ?? '';
    if (!codes.reportCodes.includes(code))
      out.push({
        path: '/report/report_code',
        message: `"${code}" is not a report code of this FIU`,
        messageZh: '报告类型代码不在该金融情报机构的代码表中',
      });
    kids(kids(root).find((k) => k.name === 'report_indicators')).forEach((k, i) => {
      if (!codes.indicators.includes(k.text ?? ''))
        out.push({
          path: `/report/report_indicators/indicator[${i + 1}]`,
          message: `"${k.text ?? ''}" is not in the FIU's indicator list`,
          messageZh: '指标代码不在该金融情报机构的代码表中',
        });
    });
  }
  return out;
}
