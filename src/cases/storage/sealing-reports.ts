/**
 * Report payloads and submitted packages hold names and identity documents (the XML itself): at rest
 * they are sealed. A report's key is derived from one random share per data subject it names, each
 * share stored under that subject in `pii_keys`; erasing any one of them (crypto-shredding the subject)
 * makes the report unreadable, since its file cannot be cut apart without the rest. The record's ids,
 * status, dates and SHA-256 stay readable, so the register and the audit ledger keep their meaning.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { delegate, open, seal, ZhiliError } from '../../kernel/index.ts';
import type { PackageRecord, ReportRecord } from '../core/types.ts';
import type { CaseStore } from './port.ts';

/** Where the shares live: the main store's data-key table. */
export interface ShareStore {
  putPiiKeys(
    keys: readonly { tenantId: string; subject: string; keyId: string; wrapped: string; createdAt: number }[],
  ): Promise<void>;
  getPiiKey(tenantId: string, subject: string, keyId: string): Promise<{ wrapped: string } | undefined>;
}

export interface ReportSealing {
  shares: ShareStore;
  master: { id: string; key: Buffer };
  now: () => number;
}

const SEALED = '_sealed';
const SUBJECTS = '_subjects';
/** What a reader gets when a subject of the report was erased. */
export const erasedPayload = { personalDataErased: true } as const;

type Obj = Record<string, unknown>;
/** A report's payload: a JSON object whose fields depend on its format (checked as an object, never cast). */
const Payload = Type.Record(Type.String(), Type.Unknown());
const isObj = (v: unknown): v is Obj => Value.Check(Payload, v);

export function sealingReports(inner: CaseStore, o: ReportSealing): CaseStore {
  const wrapAad = (tenantId: string, subject: string, keyId: string) =>
    `report-share|${o.master.id}|${tenantId}|${subject}|${keyId}`;

  /** Creates the shares of a new report or package; returns its key. */
  async function newKey(tenantId: string, keyId: string, subjects: readonly string[]): Promise<Buffer> {
    const shares = subjects.map((subject) => ({ subject, share: randomBytes(32) }));
    await o.shares.putPiiKeys(
      shares.map((x) => ({
        tenantId,
        subject: x.subject,
        keyId,
        wrapped: seal(o.master.key, x.share, wrapAad(tenantId, x.subject, keyId)),
        createdAt: o.now(),
      })),
    );
    return combine(shares.map((x) => x.share));
  }

  /** The key from every share, or undefined when any subject has been erased. */
  async function existingKey(
    tenantId: string,
    keyId: string,
    subjects: readonly string[],
  ): Promise<Buffer | undefined> {
    const shares: Buffer[] = [];
    for (const subject of subjects) {
      const row = await o.shares.getPiiKey(tenantId, subject, keyId);
      if (!row) return undefined;
      shares.push(open(o.master.key, row.wrapped, wrapAad(tenantId, subject, keyId)));
    }
    return combine(shares);
  }

  async function subjectsOf(r: ReportRecord): Promise<string[]> {
    const out = new Set<string>();
    const alertIds = [...r.alertIds, ...strings(r.payload.caseAlertIds)];
    for (const id of alertIds) {
      const a = await inner.getAlert(r.tenantId, id);
      if (a?.customerId) out.add(a.customerId);
    }
    if (r.caseId) {
      const c = await inner.getCase(r.tenantId, r.caseId);
      if (c?.customerId) out.add(c.customerId);
    }
    for (const t of Array.isArray(r.payload.transactions) ? r.payload.transactions : [])
      if (t && typeof t === 'object' && typeof (t as Obj).csnm === 'string') out.add((t as Obj).csnm as string);
    if (r.correctsId) {
      const orig = await inner.getReport(r.tenantId, r.correctsId);
      for (const s of strings(orig?.payload[SUBJECTS])) out.add(s);
    }
    // A report that names no one still gets a key of its own, so the format stays one.
    return out.size > 0 ? [...out].sort() : [`report:${r.id}`];
  }

  async function sealReport(r: ReportRecord, existing?: ReportRecord): Promise<ReportRecord> {
    const keyId = `rpt:${r.id}`;
    const known = existing ? strings(existing.payload[SUBJECTS]) : [];
    const subjects = known.length > 0 ? known : await subjectsOf(r);
    const key =
      (known.length > 0 ? await existingKey(r.tenantId, keyId, subjects) : undefined) ??
      (await newKey(r.tenantId, keyId, subjects));
    const plain = Buffer.from(JSON.stringify(r.payload), 'utf8');
    return { ...r, payload: { [SUBJECTS]: subjects, [SEALED]: seal(key, plain, `report|${r.tenantId}|${r.id}`) } };
  }

  async function openReport(r: ReportRecord): Promise<ReportRecord> {
    const sealed = r.payload[SEALED];
    if (typeof sealed !== 'string') return r; // written before payloads were sealed
    const key = await existingKey(r.tenantId, `rpt:${r.id}`, strings(r.payload[SUBJECTS]));
    if (!key) return { ...r, payload: { ...erasedPayload } };
    const payload: unknown = JSON.parse(open(key, sealed, `report|${r.tenantId}|${r.id}`).toString('utf8'));
    if (isObj(payload)) return { ...r, payload };
    throw new ZhiliError('ZHILI_E_INTERNAL', {
      cause: new Error(`case_reports.payload of ${r.id}: the opened payload is not a JSON object`),
    });
  }

  const forwarded = delegate(inner);
  return {
    ...forwarded,
    async createReport(r, history) {
      await inner.createReport(await sealReport(r), history);
    },
    async updateReport(r, history, opts) {
      const stored = await inner.getReport(r.tenantId, r.id);
      await inner.updateReport(await sealReport(r, stored), history, opts);
    },
    async getReport(tenantId, id) {
      const r = await inner.getReport(tenantId, id);
      return r && openReport(r);
    },
    async listReports(tenantId, f) {
      const out: ReportRecord[] = [];
      for (const r of await inner.listReports(tenantId, f)) out.push(await openReport(r));
      return out;
    },
    async putPackage(p) {
      const subjects = new Set<string>();
      for (const id of p.reportIds) {
        const r = await inner.getReport(p.tenantId, id);
        for (const s of strings(r?.payload[SUBJECTS])) subjects.add(s);
      }
      const list = subjects.size > 0 ? [...subjects].sort() : [`package:${p.name}`];
      const key = await newKey(p.tenantId, `pkg:${p.name}`, list);
      const body = seal(key, Buffer.from(p.bytes), `package|${p.tenantId}|${p.name}`);
      await inner.putPackage({
        ...p,
        bytes: Buffer.from(JSON.stringify({ [SUBJECTS]: list, [SEALED]: body }), 'utf8'),
      });
    },
    async getPackage(tenantId, name) {
      const p = await inner.getPackage(tenantId, name);
      if (!p) return undefined;
      const parsed = parseSealedPackage(p);
      if (!parsed) return p;
      const key = await existingKey(tenantId, `pkg:${name}`, parsed.subjects);
      if (!key) return { ...p, bytes: new Uint8Array(0) };
      return { ...p, bytes: new Uint8Array(open(key, parsed.sealed, `package|${tenantId}|${name}`)) };
    },
  };
}

function combine(shares: readonly Buffer[]): Buffer {
  const h = createHash('sha256').update('zhili-report-key');
  for (const s of shares) h.update(s);
  return h.digest();
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function parseSealedPackage(p: PackageRecord): { subjects: string[]; sealed: string } | undefined {
  // A zip starts with "PK"; a sealed package is JSON.
  if (p.bytes[0] !== 0x7b) return undefined;
  try {
    const j: unknown = JSON.parse(Buffer.from(p.bytes).toString('utf8'));
    return isObj(j) && typeof j[SEALED] === 'string'
      ? { subjects: strings(j[SUBJECTS]), sealed: j[SEALED] }
      : undefined;
  } catch {
    return undefined;
  }
}
