/**
 * A complaint's personal data (complainant name and phone, the consumer's own description) sealed under
 * a data key of its own, that key wrapped by the master key (the same KEK as party records, a separate
 * HKDF purpose). Erasing deletes the wrapped key: the sealed text stays but can never be opened.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { newKey, open, seal, subKey, ZhiliError } from '../kernel/index.ts';
import type { SealedPersonal } from './storage/port.ts';

export const ComplaintPersonalSchema = Type.Object({
  complainant: Type.Optional(Type.Object({ name: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) })),
  description: Type.Optional(Type.String()),
});
export type ComplaintPersonal = Static<typeof ComplaintPersonalSchema>;

const keyAad = (tenantId: string, id: string) => `complaint-key|${tenantId}|${id}`;
const dataAad = (tenantId: string, id: string) => `complaint|${tenantId}|${id}`;

export class ComplaintSealer {
  private readonly kek: Buffer;
  constructor(master: { key: Buffer }) {
    this.kek = subKey(master.key, 'complaints-kek');
  }

  seal(tenantId: string, id: string, p: ComplaintPersonal): SealedPersonal {
    const key = newKey();
    return {
      wrappedKey: seal(this.kek, key, keyAad(tenantId, id)),
      sealed: seal(key, Buffer.from(JSON.stringify(p), 'utf8'), dataAad(tenantId, id)),
    };
  }

  open(tenantId: string, id: string, s: SealedPersonal): ComplaintPersonal {
    const key = open(this.kek, s.wrappedKey, keyAad(tenantId, id));
    const p: unknown = JSON.parse(open(key, s.sealed, dataAad(tenantId, id)).toString('utf8'));
    // Authenticated, so only our own writes get here; still checked, never cast (and the values never named).
    if (Value.Check(ComplaintPersonalSchema, p)) return p;
    throw new ZhiliError('ZHILI_E_INTERNAL', {
      cause: new Error(`complaint_personal.sealed of ${id}: the opened document does not match its schema`),
    });
  }
}
