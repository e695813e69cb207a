import { Command } from 'commander';
import { registerLedgerCommands } from '../ledger/index.ts';
import { registerBacktestCommand, registerSimulateCommand } from '../monitoring/index.ts';
import { registerScreenCommands } from '../screening/index.ts';
import { registerCasesCommands } from '../cases/index.ts';
import { registerCreditCommands } from '../credit/index.ts';
import { registerCreditScorecardCommands } from './credit-scorecards.ts';
import {
  createProtection,
  createRights,
  createSuitability,
  registerComplaintCommands,
  registerRightsCommands,
  registerSuitabilityCommands,
} from '../protection/index.ts';
import { chinaCalendar, systemClock, systemIds, ZhiliError } from '../kernel/index.ts';
import { configFrom } from './global.ts';
import { auditedStores } from './ledger-audit.ts';
import { ledgerMasterKey, openCliStores, reportingProfilesOf } from '../runtime/index.ts';
import { listSourcesOf, listSpecsOf } from '../runtime/index.ts';
import { registerRulesCommands } from './rules.ts';
import { registerServe } from './serve.ts';
import { registerTenantCommands } from './tenant.ts';
import { registerAdminCommands } from './admin.ts';
import { cliAccess, cliOperator } from './auth.ts';
import { registerOperatorCommands } from './operators.ts';
import { registerHubCommands } from './hub.ts';
import { registerDisclosure } from './disclosure.ts';

// Files this process creates (database, keys, exports) are readable by their owner only.
process.umask(0o077);

const program = new Command()
  .name('zhili')
  .description('Zhili (治理) — risk decisions, AML monitoring and audit for online financial platforms')
  .option('--data-dir <dir>', 'data directory of the embedded store (env ZHILI_DATA_DIR)')
  .option('--database-url <url>', 'postgres://… to use PostgreSQL (env ZHILI_DATABASE_URL)')
  .option('--password-stdin', "read the operator's password from standard input (for scripts; or ZHILI_PASSWORD)");

registerServe(program);
registerTenantCommands(program);
registerAdminCommands(program);
registerOperatorCommands(program);
registerRulesCommands(program);
registerBacktestCommand(program);
registerSimulateCommand(program);
registerCreditCommands(program);
registerCreditScorecardCommands(program);
registerHubCommands(program);
registerDisclosure(program);
registerScreenCommands(program, {
  open: async (cmd) => {
    const config = configFrom(cmd);
    const stores = await openCliStores(config);
    return {
      store: stores.lists,
      specs: listSpecsOf(config),
      sources: listSourcesOf(config),
      close: () => stores.close(),
    };
  },
});
registerCasesCommands(program, {
  open: async (cmd) => {
    const config = configFrom(cmd);
    const a = await auditedStores(config);
    const operator = async (tenant: string | undefined, as: string | undefined) => {
      const p = await cliOperator(cliAccess(a.stores, a.sink), cmd, { tenant, as });
      return { id: p.userId, tenantId: p.tenantId, roles: p.roles };
    };
    return {
      store: a.stores.main,
      caseStore: a.stores.cases,
      reporting: reportingProfilesOf(config),
      audit: a.sink,
      operator,
      close: () => a.close(),
    };
  },
});
registerComplaintCommands(program, {
  open: async (cmd) => {
    const config = configFrom(cmd);
    const a = await auditedStores(config);
    const access = cliAccess(a.stores, a.sink);
    const protection = createProtection({
      access,
      store: a.stores.complaints,
      master: ledgerMasterKey(config),
      clock: systemClock,
      ids: systemIds(),
      calendar: chinaCalendar(),
      timeZoneOf: async (t) => (await a.stores.main.getTenant(t))?.timeZone ?? config.defaultTimeZone,
      audit: a.sink,
    });
    const operator = async (tenant: string | undefined, as: string | undefined) => {
      const p = await cliOperator(access, cmd, { tenant, as });
      return { id: p.userId, tenantId: p.tenantId, roles: p.roles };
    };
    return { protection, operator, close: () => a.close() };
  },
});
registerRightsCommands(program, {
  open: async (cmd) => {
    const config = configFrom(cmd);
    const a = await auditedStores(config);
    const access = cliAccess(a.stores, a.sink);
    const serverOnly = (): never => {
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        message: 'Exports and deletions run on the server: use the HTTP API.',
        messageZh: '导出与删除须在服务端执行，请使用 HTTP API。',
      });
    };
    const rights = createRights({
      access,
      store: a.stores.rights,
      clock: systemClock,
      ids: systemIds(),
      calendar: chinaCalendar(),
      timeZoneOf: async (t) => (await a.stores.main.getTenant(t))?.timeZone ?? config.defaultTimeZone,
      audit: a.sink,
      sources: { party: serverOnly, events: serverOnly, complaints: serverOnly, erase: serverOnly },
    });
    const operator = async (tenant: string | undefined, as: string | undefined) => {
      const p = await cliOperator(access, cmd, { tenant, as });
      return { id: p.userId, tenantId: p.tenantId, roles: p.roles };
    };
    return { rights, operator, close: () => a.close() };
  },
});
registerSuitabilityCommands(program, {
  open: async (cmd) => {
    const config = configFrom(cmd);
    const a = await auditedStores(config);
    const access = cliAccess(a.stores, a.sink);
    const suitability = createSuitability({
      store: a.stores.suitability,
      clock: systemClock,
      ids: systemIds(),
      audit: a.sink,
    });
    const operator = async (tenant: string | undefined, as: string | undefined) => {
      const p = await cliOperator(access, cmd, { tenant, as });
      return { id: p.userId, tenantId: p.tenantId, roles: p.roles };
    };
    return { suitability, operator, close: () => a.close() };
  },
});
registerLedgerCommands(program, {
  open: async (cmd) => {
    const config = configFrom(cmd);
    const stores = await openCliStores(config);
    return {
      ledger: stores.ledger,
      main: stores.main,
      keySecret: config.ledgerKeySecret,
      masterKey: () => ledgerMasterKey(config),
      close: () => stores.close(),
    };
  },
  token: process.env.ZHILI_TOKEN,
});

program.parseAsync(process.argv).catch((e: unknown) => {
  const z = e as { code?: unknown; message?: string; messageZh?: string };
  if (typeof z.code === 'string' && z.code.startsWith('ZHILI_E_'))
    console.error(`${z.code}: ${z.message ?? ''}\n${z.messageZh ?? ''}`);
  else console.error(e instanceof Error ? `error: ${e.message}` : e);
  if (process.env.ZHILI_DEBUG === '1') console.error(e);
  process.exitCode = 1;
});
