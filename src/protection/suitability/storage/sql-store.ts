import { rowOf, type Row, type SqlDriver, type SqlExec } from '../../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../../store/adapters.ts';
import type { Acknowledgement, Assessment, Product } from '../core/types.ts';
import {
  AcknowledgementDoc,
  AssessmentDoc,
  ProductDoc,
  ProfessionalDoc,
  SettingsDoc,
  StoredQuestionnaireDoc,
} from './documents.ts';
import { suitabilitySchema } from './schema.ts';
import {
  SuitabilityStaleError,
  type LessonProgress,
  type SuitabilityAudit,
  type SuitabilityOutbox,
  type SuitabilitySettingsRecord,
  type SuitabilityStore,
} from './port.ts';

const progressOf = (row: Row): LessonProgress => {
  const r = rowOf(row, 'suit_progress');
  const completedAt = r.optInt('completed_at');
  return {
    tenantId: r.str('tenant_id'),
    customerId: r.str('customer_id'),
    lessonId: r.str('lesson_id'),
    startedAt: r.int('started_at'),
    ...(completedAt === null ? {} : { completedAt }),
  };
};
const settingsOf = (row: Row): SuitabilitySettingsRecord => {
  const r = rowOf(row, 'suit_settings');
  return {
    tenantId: r.str('tenant_id'),
    doc: r.json('doc', SettingsDoc),
    updatedAt: r.int('updated_at'),
    updatedBy: r.str('updated_by'),
  };
};
// Every stored document is checked against its schema on the way out (see documents.ts).
const questionnaireOf = (r: Row) => rowOf(r, 'suit_questionnaires').json('doc', StoredQuestionnaireDoc);
const assessmentOf = (r: Row): Assessment => rowOf(r, 'suit_assessments').json('doc', AssessmentDoc);
const productOf = (r: Row): Product => rowOf(r, 'suit_products').json('doc', ProductDoc);
const acknowledgementOf = (r: Row): Acknowledgement =>
  rowOf(r, 'suit_acknowledgements').json('doc', AcknowledgementDoc);
const professionalOf = (r: Row) => rowOf(r, 'suit_professionals').json('doc', ProfessionalDoc);
const isUnique = (e: unknown): boolean => /unique|duplicate|primary key/i.test(e instanceof Error ? e.message : '');

/**
 * The one SuitabilityStore over a dialect driver (portable SQL). With `outbox` every write queues its
 * audit entries in its own transaction, so a recorded step can never lose its ledger entry.
 */
export function sqlSuitabilityStore(d: SqlDriver, opts: { outbox?: SuitabilityOutbox } = {}): SuitabilityStore {
  const queue = async (x: SqlExec, audits: SuitabilityAudit[] | undefined): Promise<void> => {
    if (opts.outbox) for (const a of audits ?? []) await opts.outbox(x, a, a.at);
  };
  const write = (audits: SuitabilityAudit[] | undefined, fn: (x: SqlExec) => Promise<void>) =>
    d.tx(async (x) => {
      await fn(x);
      await queue(x, audits);
    });
  return {
    kind: d.dialect,
    auditsInTransaction: opts.outbox !== undefined,
    migrate: () => d.exec(suitabilitySchema(d.dialect)),
    close: () => d.close(),

    async putQuestionnaire(q, audits) {
      try {
        await write(audits, (x) =>
          x
            .run(
              'INSERT INTO suit_questionnaires (tenant_id, id, version, created_at, created_by, doc) VALUES (?, ?, ?, ?, ?, ?)',
              [q.tenantId, q.questionnaire.id, q.questionnaire.version, q.createdAt, q.createdBy, JSON.stringify(q)],
            )
            .then(() => undefined),
        );
      } catch (e) {
        if (isUnique(e)) throw new SuitabilityStaleError();
        throw e;
      }
    },
    async questionnaires(tenantId) {
      const rows = await d.all('SELECT doc FROM suit_questionnaires WHERE tenant_id = ? ORDER BY id, version', [
        tenantId,
      ]);
      return rows.map(questionnaireOf);
    },
    async questionnaire(tenantId, id, version) {
      const [r] = await d.all('SELECT doc FROM suit_questionnaires WHERE tenant_id = ? AND id = ? AND version = ?', [
        tenantId,
        id,
        version,
      ]);
      return r && questionnaireOf(r);
    },

    async addAssessment(a, audits) {
      await write(audits, async (x) => {
        await x.run(
          'INSERT INTO suit_assessments (tenant_id, id, customer_id, assessed_at, doc) VALUES (?, ?, ?, ?, ?)',
          [a.tenantId, a.id, a.customerId, a.assessedAt, JSON.stringify(a)],
        );
      });
    },
    async assessments(tenantId, customerId) {
      const rows = await d.all(
        'SELECT doc FROM suit_assessments WHERE tenant_id = ? AND customer_id = ? ORDER BY assessed_at DESC, id DESC',
        [tenantId, customerId],
      );
      return rows.map(assessmentOf);
    },

    async putProduct(p, audits) {
      await write(audits, async (x) => {
        await x.run(
          'INSERT INTO suit_products (tenant_id, id, updated_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO UPDATE SET updated_at = excluded.updated_at, doc = excluded.doc',
          [p.tenantId, p.id, p.updatedAt, JSON.stringify(p)],
        );
      });
    },
    async products(tenantId) {
      const rows = await d.all('SELECT doc FROM suit_products WHERE tenant_id = ? ORDER BY id', [tenantId]);
      return rows.map(productOf);
    },

    async addAcknowledgement(a, audits) {
      await write(audits, async (x) => {
        await x.run(
          'INSERT INTO suit_acknowledgements (tenant_id, id, customer_id, product_id, at, doc) VALUES (?, ?, ?, ?, ?, ?)',
          [a.tenantId, a.id, a.customerId, a.productId, a.at, JSON.stringify(a)],
        );
      });
    },
    async acknowledgements(tenantId, customerId) {
      const rows = await d.all(
        'SELECT doc FROM suit_acknowledgements WHERE tenant_id = ? AND customer_id = ? ORDER BY at, id',
        [tenantId, customerId],
      );
      return rows.map(acknowledgementOf);
    },

    async putProfessional(r, audits) {
      await write(audits, async (x) => {
        const n =
          r.version === 1
            ? await x.run(
                'INSERT INTO suit_professionals (tenant_id, customer_id, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, customer_id) DO NOTHING',
                [r.tenantId, r.customerId, r.version, JSON.stringify(r)],
              )
            : await x.run(
                'UPDATE suit_professionals SET version = ?, doc = ? WHERE tenant_id = ? AND customer_id = ? AND version = ?',
                [r.version, JSON.stringify(r), r.tenantId, r.customerId, r.version - 1],
              );
        if (n !== 1) throw new SuitabilityStaleError();
      });
    },
    async professional(tenantId, customerId) {
      const [r] = await d.all('SELECT doc FROM suit_professionals WHERE tenant_id = ? AND customer_id = ?', [
        tenantId,
        customerId,
      ]);
      return r && professionalOf(r);
    },

    async putProgress(p, audits) {
      await write(audits, async (x) => {
        await x.run(
          'INSERT INTO suit_progress (tenant_id, customer_id, lesson_id, started_at, completed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, customer_id, lesson_id) DO UPDATE SET completed_at = excluded.completed_at',
          [p.tenantId, p.customerId, p.lessonId, p.startedAt, p.completedAt ?? null],
        );
      });
    },
    async progress(tenantId, customerId) {
      const rows = await d.all(
        'SELECT * FROM suit_progress WHERE tenant_id = ? AND customer_id = ? ORDER BY started_at, lesson_id',
        [tenantId, customerId],
      );
      return rows.map(progressOf);
    },

    async getSettings(tenantId) {
      const [r] = await d.all('SELECT * FROM suit_settings WHERE tenant_id = ?', [tenantId]);
      return r && settingsOf(r);
    },
    async putSettings(s, audits) {
      await write(audits, async (x) => {
        await x.run(
          'INSERT INTO suit_settings (tenant_id, doc, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
          [s.tenantId, JSON.stringify(s.doc), s.updatedAt, s.updatedBy],
        );
      });
    },

    async fingerprint() {
      const [r] = await d.all(
        `SELECT (SELECT COUNT(*) FROM suit_assessments) AS a, (SELECT COUNT(*) FROM suit_acknowledgements) AS k,
          (SELECT COALESCE(SUM(version), 0) FROM suit_professionals) AS r,
          (SELECT COUNT(*) FROM suit_products) AS pn, (SELECT COALESCE(SUM(updated_at), 0) FROM suit_products) AS pt,
          (SELECT COALESCE(SUM(updated_at), 0) FROM suit_settings) AS s`,
      );
      return r ? [r.a, r.k, r.r, r.pn, r.pt, r.s].map((x) => String(x)).join(':') : '';
    },

    async snapshot() {
      // Each customer's latest assessment: the rows in time order, the last one per customer wins.
      const latest = new Map<string, Assessment>();
      for (const r of await d.all('SELECT doc FROM suit_assessments ORDER BY assessed_at, id')) {
        const a = assessmentOf(r);
        latest.set(`${a.tenantId}\u0000${a.customerId}`, a);
      }
      return {
        assessments: [...latest.values()],
        products: (await d.all('SELECT doc FROM suit_products ORDER BY tenant_id, id')).map(productOf),
        acknowledgements: (await d.all('SELECT doc FROM suit_acknowledgements ORDER BY at, id')).map(acknowledgementOf),
        professionals: (await d.all('SELECT doc FROM suit_professionals')).map(professionalOf),
        settings: (await d.all('SELECT * FROM suit_settings')).map(settingsOf),
      };
    },
  };
}

export function openSqliteSuitabilityStore(file: string): SuitabilityStore {
  return sqlSuitabilityStore(sqliteDriver(file));
}

export function openPostgresSuitabilityStore(
  url: string,
  opts: { schema?: string; poolSize?: number } = {},
): SuitabilityStore {
  return sqlSuitabilityStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize ?? 2));
}
