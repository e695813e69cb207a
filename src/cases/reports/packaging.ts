/**
 * Submission: approved reports become named files, checked again against their layouts and packed into
 * ZIPs of at most 5 MB; a package is checked once more each time it is fetched.
 */
import { sha256Hex, ZhiliError } from '../../kernel/index.ts';
import type { ReportRecord } from '../core/types.ts';
import { caseError } from '../errors.ts';
import type { Viewer } from '../service.ts';
import { notErased, type ReportContext } from './context.ts';
import { compactDate, pbocFileName } from './pboc/profile.ts';
import { assembleZip, entryBytes, packEntry, readZip, ZIP_END_BYTES, type PackedEntry } from './zip.ts';
import { assertValidFiles } from './files.ts';

const MB5 = 5 * 1024 * 1024;

/**
 * Produces the files of approved reports: names them by the PBOC rule (goAML: our own rule) with the
 * day's sequence, checks each against its layout again, and packs them into ZIPs of at most 5 MB, one
 * format and message type (goAML: report code) per package.
 */
export async function submitReports(
  ctx: ReportContext,
  v: Viewer,
  ids: readonly string[],
): Promise<{ name: string; sha256: string; bytes: number; reportIds: string[] }[]> {
  const reports = await Promise.all(ids.map((id) => ctx.get(v, id)));
  reports.forEach(notErased);
  for (const r of reports)
    if (r.status !== 'approved')
      throw caseError('illegal_transition', {
        pointer: '/reportIds',
        message: `Report ${r.id} is ${r.status}, not approved.`,
      });
  const pboc = reports.some((r) => r.format.startsWith('pboc')) ? await ctx.profile(v.tenantId) : undefined;
  const date8 = compactDate(ctx.today((await ctx.o.store.getTenant(v.tenantId))?.timeZone ?? 'Asia/Shanghai'));
  const groups = new Map<string, ReportRecord[]>();
  const key = (r: ReportRecord): string =>
    `${r.format}:${r.messageType}:${typeof r.payload.reportCode === 'string' ? r.payload.reportCode : ''}`;
  for (const r of reports) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const out: { name: string; sha256: string; bytes: number; reportIds: string[] }[] = [];
  const max = ctx.o.maxPackageBytes ?? MB5;
  for (const group of groups.values()) {
    const first = group[0] as ReportRecord;
    const naming = {
      messageType: first.messageType,
      industry: pboc?.industry ?? 'B',
      kind: first.format === 'pboc_bstr' ? ('S' as const) : ('H' as const),
      institutionCode: pboc?.institutionCode ?? '',
    };
    // goAML / FinCEN: `GOAML-<report code>-YYYYMMDD-<seq>`, `FINCEN-SARX-…`/`FINCEN-CTRX-…` (ours: neither prescribes a name).
    const goaml = first.format.startsWith('pboc')
      ? undefined
      : `${first.format === 'goaml' ? 'GOAML' : 'FINCEN'}-${String(first.payload.reportCode)}-${date8}`;
    const fileName = (n: number, ext: 'XML' | 'ZIP'): string =>
      goaml ? `${goaml}-${String(n).padStart(8, '0')}.${ext}` : pbocFileName(naming, date8, n, ext);
    const counter = goaml ? first.format : 'pboc';
    const files: { r: ReportRecord; name: string; xml: string }[] = [];
    await assertValidFiles(group.map((r) => ({ format: r.format, xml: r.payload.xml as string })));
    for (const r of group) {
      const xml = r.payload.xml as string;
      files.push({
        r,
        name: fileName(await ctx.o.cases.nextSequence(v.tenantId, `${counter}:${date8}`), 'XML'),
        xml,
      });
    }
    // Each file is deflated once (off the main thread); a package's size is known without re-packing it.
    const packed = await Promise.all(files.map((f) => packEntry({ name: f.name, data: Buffer.from(f.xml, 'utf8') })));
    let batch: (typeof files)[number][] = [];
    let batchPacked: PackedEntry[] = [];
    let batchBytes = ZIP_END_BYTES;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const bytes = assembleZip(batchPacked);
      if (bytes.length > max)
        throw caseError('report_invalid', { message: `${batch[0]?.name} alone exceeds the package size limit.` });
      const name = fileName(await ctx.o.cases.nextSequence(v.tenantId, `${counter}-zip:${date8}`), 'ZIP');
      const sha256 = sha256Hex(bytes);
      const reportIds = batch.map((f) => f.r.id);
      await ctx.o.cases.putPackage({
        name,
        tenantId: v.tenantId,
        reportIds,
        sha256,
        bytes,
        createdAt: ctx.o.clock.now(),
      });
      for (const f of batch) {
        const next: ReportRecord = {
          ...f.r,
          status: 'submitted',
          submittedAt: ctx.o.clock.now(),
          fileName: f.name,
          packageName: name,
          sha256: sha256Hex(f.xml),
          version: f.r.version + 1,
        };
        await ctx.o.cases.updateReport(next, [
          ctx.entry(v, f.r.id, 'submitted', { fileName: f.name, packageName: name, sha256: next.sha256 }),
        ]);
      }
      out.push({ name, sha256, bytes: bytes.length, reportIds });
      batch = [];
      batchPacked = [];
      batchBytes = ZIP_END_BYTES;
    };
    for (const [i, f] of files.entries()) {
      const p = packed[i];
      if (!p) continue;
      if (batchBytes + entryBytes(p) > max && batch.length > 0) await flush();
      batch.push(f);
      batchPacked.push(p);
      batchBytes += entryBytes(p);
    }
    await flush();
  }
  return out;
}

export async function reportPackage(
  ctx: ReportContext,
  v: Viewer,
  name: string,
): Promise<{ name: string; bytes: Uint8Array; sha256: string }> {
  const pkg = await ctx.o.cases.getPackage(v.tenantId, name);
  if (!pkg) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/name' });
  const reports = [];
  for (const id of pkg.reportIds) reports.push(await ctx.get(v, id)); // tipping-off: hidden reports hide their packages
  // Every file is checked again before it leaves: a package is never offered with a file that fails.
  const format = (reports[0] as ReportRecord).format;
  if (pkg.bytes.length === 0) throw caseError('personal_data_erased', { pointer: '/name' });
  await assertValidFiles(readZip(pkg.bytes).map((f) => ({ format, xml: Buffer.from(f.data).toString('utf8') })));
  return pkg;
}
