import type { HighRiskPort } from '../cases/index.ts';
import type { PartiesModule } from '../parties/index.ts';

const PAGE = 500;

/**
 * The cases module's view of the parties module for the coverage metric: customers whose current
 * rating is high or prohibited and whose data is not erased, with the platform's own id for them.
 */
export function highRiskFrom(parties: () => PartiesModule | undefined): HighRiskPort {
  return async (tenantId) => {
    const m = parties();
    if (!m) return [];
    const out: { id: string; externalId: string | null }[] = [];
    for (let after: string | undefined; ;) {
      const rows = await m.store.listParties(tenantId, { limit: PAGE, ...(after ? { after } : {}) });
      for (const p of rows)
        if ((p.riskLevel === 'high' || p.riskLevel === 'prohibited') && p.erasedAt === null)
          out.push({ id: p.id, externalId: p.externalId });
      if (rows.length < PAGE) return out;
      after = rows[rows.length - 1]?.id;
    }
  };
}
