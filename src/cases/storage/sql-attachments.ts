import type { AttachmentMeta } from '../core/types.ts';
import { rowOf, type Row, type SqlDriver } from '../../store/index.ts';
import type { CaseStore } from './port.ts';
import { placeholders } from './rows.ts';
import type { HistoryWriter } from './sql-history.ts';

const META = 'id, tenant_id, case_id, name, content_type, size, sha256, created_by, created_at';

const metaFromRow = (row: Row): AttachmentMeta => {
  const r = rowOf(row, 'case_attachments');
  return {
    id: r.str('id'),
    tenantId: r.str('tenant_id'),
    caseId: r.str('case_id'),
    name: r.str('name'),
    contentType: r.str('content_type'),
    size: r.int('size'),
    sha256: r.str('sha256'),
    createdBy: r.str('created_by'),
    createdAt: r.int('created_at'),
  };
};

/** Case attachments: the bytes next to their SHA-256. */
export function attachmentMethods(
  d: SqlDriver,
  insertHistory: HistoryWriter,
): Pick<CaseStore, 'putAttachment' | 'listAttachments' | 'getAttachment'> {
  return {
    async putAttachment(a, history) {
      await d.tx(async (x) => {
        await x.run(`INSERT INTO case_attachments (${META}, bytes) VALUES (${placeholders(10)})`, [
          a.id,
          a.tenantId,
          a.caseId,
          a.name,
          a.contentType,
          a.size,
          a.sha256,
          a.createdBy,
          a.createdAt,
          Buffer.from(a.bytes),
        ]);
        await insertHistory(x, history);
      });
    },

    async listAttachments(tenantId, caseId) {
      const rows = await d.all(`SELECT ${META} FROM case_attachments WHERE tenant_id = ? AND case_id = ? ORDER BY id`, [
        tenantId,
        caseId,
      ]);
      return rows.map(metaFromRow);
    },

    async getAttachment(tenantId, caseId, id) {
      const [r] = await d.all('SELECT * FROM case_attachments WHERE tenant_id = ? AND case_id = ? AND id = ?', [
        tenantId,
        caseId,
        id,
      ]);
      return r ? { ...metaFromRow(r), bytes: new Uint8Array(rowOf(r, 'case_attachments').bytes('bytes')) } : undefined;
    },
  };
}
