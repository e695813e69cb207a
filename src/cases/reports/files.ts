import type { LayoutProblem } from '../core/layout.ts';
import { caseError } from '../errors.ts';
import { validateFincenXml } from './fincen/layout.ts';
import { validateGoamlXml } from './goaml/validate.ts';
import { validatePbocXml } from './pboc/validate.ts';
import { checkReportFile, checkReportFiles } from './xsd/check.ts';
import type { ReportRecord } from '../core/types.ts';

export const invalidReport = (problems: readonly LayoutProblem[]) =>
  caseError('report_invalid', {
    message: `The generated file does not match the layout: ${problems[0]?.path} ${problems[0]?.message}`,
    details: problems.slice(0, 50).map((p) => ({ pointer: p.path, message: p.message, messageZh: p.messageZh })),
  });

const ownProblems = (format: ReportRecord['format'], xml: string): LayoutProblem[] =>
  format === 'goaml'
    ? validateGoamlXml(xml)
    : format.startsWith('fincen')
      ? validateFincenXml(xml)
      : validatePbocXml(xml);

/** Our layout walk for a format (with its extra rules), then the real parser and the XSD validator. */
export async function fileProblems(format: ReportRecord['format'], xml: string): Promise<LayoutProblem[]> {
  return [...ownProblems(format, xml), ...(await checkReportFile(xml))];
}

/** Every file of a package or a submission through every check, libxml2 once per schema; throws on the first bad one. */
export async function assertValidFiles(
  files: readonly { format: ReportRecord['format']; xml: string }[],
): Promise<void> {
  for (const f of files) {
    const own = ownProblems(f.format, f.xml);
    if (own.length > 0) throw invalidReport(own);
  }
  const checked = await checkReportFiles(files.map((f) => f.xml));
  const bad = checked.find((p) => p.length > 0);
  if (bad) throw invalidReport(bad);
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
