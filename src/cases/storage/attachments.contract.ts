import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRecord } from '../core/types.ts';
import type { CaseStore } from './port.ts';

const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 128, 0x0a]);
const att = (over: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
  id: 'att_000001',
  tenantId: 'ten_a',
  caseId: 'case_att',
  name: '客户说明.pdf',
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  createdBy: 'usr_1',
  createdAt: 7,
  bytes,
  ...over,
});

/** Attachments of every CaseStore adapter; `open` gives a fresh, migrated store. */
export function attachmentStoreContract(name: string, open: () => Promise<CaseStore>): void {
  describe(`CaseStore attachments contract: ${name}`, () => {
    let s: CaseStore;
    beforeAll(async () => {
      s = await open();
      await s.migrate(); // the migration is idempotent
    });
    afterAll(async () => {
      await s.close();
    });

    it('keeps the bytes exactly, lists metadata only, and writes the history in the same step', async () => {
      const a = att();
      const h = {
        id: 'hst_att_1',
        tenantId: 'ten_a',
        subjectId: a.caseId,
        at: 7,
        actor: 'usr_1',
        action: 'attachment',
        detail: { attachmentId: a.id },
      };
      await s.putAttachment(a, [h]);
      expect(await s.getAttachment('ten_a', a.caseId, a.id)).toEqual(a);
      const { bytes: _b, ...meta } = a;
      expect(await s.listAttachments('ten_a', a.caseId)).toEqual([meta]);
      expect((await s.history('ten_a', a.caseId)).map((x) => x.action)).toEqual(['attachment']);
    });

    it('lists oldest first and scopes by tenant and case', async () => {
      const b = att({
        id: 'att_000002',
        name: 'b.txt',
        contentType: 'text/plain',
        size: 0,
        bytes: new Uint8Array(),
        createdAt: 8,
      });
      await s.putAttachment(b, []);
      expect((await s.listAttachments('ten_a', 'case_att')).map((x) => x.id)).toEqual(['att_000001', 'att_000002']);
      expect(await s.getAttachment('ten_a', 'case_att', 'att_000002')).toMatchObject({
        size: 0,
        bytes: new Uint8Array(),
      });
      expect(await s.listAttachments('ten_b', 'case_att')).toEqual([]);
      expect(await s.getAttachment('ten_b', 'case_att', 'att_000001')).toBeUndefined();
      expect(await s.getAttachment('ten_a', 'case_other', 'att_000001')).toBeUndefined();
    });

    it('writes nothing when the attachment id repeats', async () => {
      const h = {
        id: 'hst_att_dup',
        tenantId: 'ten_a',
        subjectId: 'case_att',
        at: 9,
        actor: 'usr_1',
        action: 'attachment',
        detail: {},
      };
      await expect(s.putAttachment(att({ name: 'again' }), [h])).rejects.toThrow();
      expect((await s.history('ten_a', 'case_att')).map((x) => x.id)).toEqual(['hst_att_1']);
      expect((await s.getAttachment('ten_a', 'case_att', 'att_000001'))?.name).toBe('客户说明.pdf');
    });
  });
}
