import type { LayoutProblem } from '../core/layout.ts';
import { caseError } from '../errors.ts';
import { validateFincenXml } from './fincen/layout.ts';
import { validateGoamlXml } from './goaml/validate.ts';
import { validatePbocXml } from './pboc/validate.ts';
import { checkReportFile } from './xsd/check.ts';
import type { ReportRecord } from '../core/types.ts';

export const invalidReport = (problems: readonly LayoutProblem[]) =>
  caseError('report_invalid', {
    message: `The generated file does not match the layout: ${problems[0]?.path} ${problems[0]?.message}`,
    details: problems.slice(0, 50).map((p) => ({ pointer: p.path, message: p.message, messageZh: p.messageZh })),
  });

/** Our layout walk for a format (with its extra rules), then the real parser and the XSD validator. */
export async function fileProblems(format: ReportRecord['format'], xml: string): Promise<LayoutProblem[]> {
  const own =
    format === 'goaml'
      ? validateGoamlXml(xml)
      : format.startsWith('fincen')
        ? validateFincenXml(xml)
        : validatePbocXml(xml);
  return [...own, ...(await checkReportFile(xml))];
}

/** Throws ZHILI_E_REPORT_INVALID naming every problem unless the file passes every check. */
export async function assertValidFile(
  format: ReportRecord['format'],
  xml: string,
  own: readonly LayoutProblem[] = [],
): Promise<void> {
  const problems = [...own, ...(own.length > 0 ? [] : await fileProblems(format, xml))];
  if (problems.length > 0) throw invalidReport(problems);
}
