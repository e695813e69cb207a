import { sha256Hex, ZhiliError, type AuditSink, type Clock, type Ids } from '../../kernel/index.ts';
import { writeAudited } from '../audit.ts';
import type { AttachmentMeta, AttachmentRecord, HistoryEntry } from '../core/types.ts';
import type { CaseService, Viewer } from '../service.ts';
import type { CaseStore } from '../storage/port.ts';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** The longest base64 text of MAX_ATTACHMENT_BYTES. */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

export interface AttachmentServiceOptions {
  cases: CaseService;
  store: CaseStore;
  clock: Clock;
  ids: Ids;
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
}

export interface Upload {
  name: string;
  contentType: string;
  dataBase64: string;
}

/** Strict base64 (RFC 4648, padded, no whitespace) to bytes; undefined when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Files attached to cases: evidence kept byte for byte with its SHA-256, each upload in the case history. */
export class AttachmentService {
  constructor(private readonly o: AttachmentServiceOptions) {}

  async add(v: Viewer, caseId: string, u: Upload): Promise<AttachmentMeta> {
    const { case: c } = await this.o.cases.getCase(v, caseId); // visibility (tenant, tipping-off)
    const bytes = decodeBase64(u.dataBase64);
    if (!bytes)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/dataBase64',
        message: 'dataBase64 is not valid base64.',
        messageZh: 'dataBase64 不是有效的 Base64 编码。',
      });
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      throw new ZhiliError('ZHILI_E_BODY_TOO_LARGE', {
        pointer: '/dataBase64',
        message: 'An attachment is at most 5 MB.',
        messageZh: '附件不得超过 5 MB。',
      });
    const at = this.o.clock.now();
    const meta: AttachmentMeta = {
      id: this.o.ids.next('att'),
      tenantId: v.tenantId,
      caseId,
      name: u.name,
      contentType: u.contentType,
      size: bytes.length,
      sha256: sha256Hex(bytes),
      createdBy: v.userId,
      createdAt: at,
    };
    const detail = {
      attachmentId: meta.id,
      name: meta.name,
      contentType: meta.contentType,
      size: meta.size,
      sha256: meta.sha256,
    };
    const entry: HistoryEntry = {
      id: this.o.ids.next('hst'),
      tenantId: v.tenantId,
      subjectId: caseId,
      at,
      actor: v.userId,
      action: 'attachment',
      detail,
      ledgerAction: (await this.o.cases.strRelated(c)) ? 'str.case.attachment' : 'case.attachment',
    };
    const record: AttachmentRecord = { ...meta, bytes };
    const route = { store: this.o.store, audit: this.o.audit, settle: this.o.settleAudit };
    await writeAudited(route, [entry], (h) => this.o.store.putAttachment(record, h));
    return meta;
  }

  async list(v: Viewer, caseId: string): Promise<AttachmentMeta[]> {
    await this.o.cases.getCase(v, caseId);
    return this.o.store.listAttachments(v.tenantId, caseId);
  }

  async get(v: Viewer, caseId: string, id: string): Promise<AttachmentRecord> {
    await this.o.cases.getCase(v, caseId);
    const a = await this.o.store.getAttachment(v.tenantId, caseId, id);
    if (!a) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/attId' });
    return a;
  }
}
