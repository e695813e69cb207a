import { join } from 'node:path';
import { openSqliteCaseStore } from '../../src/cases/adapters.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { createCases, casesRoutes, type CasesModule } from '../../src/cases/index.ts';
import { errorHandler } from '../../src/http/errors.ts';
import { typeboxValidatorCompiler } from '../../src/http/validation.ts';
import { fixedClock, systemIds, type AuditSink } from '../../src/kernel/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

export interface Reply {
  status: number;
  body: any;
  raw: Buffer;
  headers: Headers;
}

export interface CasesHarness {
  s: TestServer;
  mod: CasesModule;
  clock: ReturnType<typeof fixedClock>;
  /** Every audit entry the module sent. */
  audited: Parameters<AuditSink>[0][];
  call(who: string, method: string, path: string, body?: unknown): Promise<Reply>;
  userId(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A test server with the cases routes on their own Fastify instance and operators ana, bob (analysts), apr (approver), aud (auditor). */
export async function casesHarness(): Promise<CasesHarness> {
  const s = await startServer();
  const clock = fixedClock(Date.parse('2026-11-20T10:00:00+08:00'));
  const audited: Parameters<AuditSink>[0][] = [];
  const mod = await createCases({
    store: s.zhili.store,
    access: s.zhili.access,
    clock,
    ids: systemIds(),
    caseStore: openSqliteCaseStore(join(s.dataDir, 'zhili.db')),
    profileOf: () => ({
      institutionCode: 'ZHILI000000001',
      industry: 'B',
      branchCode: 'ZHILI00000000101',
      areaCode: 'CHN310000',
    }),
    audit: async (e) => {
      audited.push(e);
    },
  });
  const app: FastifyInstance = Fastify();
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(casesRoutes, mod.routes);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const tok: Record<string, string> = {
    ana: await s.login(['analyst'], 'ana'),
    bob: await s.login(['analyst'], 'bob'),
    apr: await s.login(['approver'], 'apr'),
    aud: await s.login(['auditor'], 'aud'),
  };
  return {
    s,
    mod,
    clock,
    audited,
    async call(who, method, path, body) {
      const res = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${tok[who]}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const raw = Buffer.from(await res.arrayBuffer());
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, raw, headers: res.headers };
    },
    userId: async (name) => (await s.zhili.store.findUserByName(s.tenantId, name))!.id,
    async close() {
      await app.close();
      await mod.close();
      await s.close();
    },
  };
}
