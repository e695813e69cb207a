import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AccessService } from '../access/index.ts';
import { systemClock, systemIds, type AuditSink } from '../kernel/index.ts';
import type { Role, Store } from '../store/index.ts';
import { createCases, type CasesModule } from './module.ts';
import { registerCaseActionCommands } from './cli-actions.ts';
import { amlRoles } from './permissions.ts';
import type { Viewer } from './service.ts';
import type { CaseStore } from './storage/port.ts';

/** What the commands work on, opened by the composition root from the global flags. */
export interface CasesCliContext {
  store: Store;
  caseStore: CaseStore;
  /** Where actions taken here are recorded (the audit ledger). */
  audit: AuditSink;
  /** The reporting profiles from the configuration (validated when it was read). */
  reporting?: Pick<Parameters<typeof createCases>[0], 'profileOf' | 'goamlProfileOf' | 'fincenProfileOf'>;
  /** The authenticated operator running the command: ZHILI_TOKEN, or `--as` with a password (src/cli/auth.ts). */
  operator(
    tenant: string | undefined,
    as: string | undefined,
  ): Promise<{ id: string; tenantId: string; roles: Role[] }>;
  close(): Promise<void>;
}

interface Common {
  tenant?: string;
  as?: string;
  json?: boolean;
}

/**
 * Work queues and the report register from the command line, against the same database as the
 * server, acting as a named operator (their roles decide what they see, as over the API).
 */
export function registerCasesCommands(
  program: Command,
  opts: { open: (cmd: Command) => Promise<CasesCliContext> },
): void {
  const open = async (cmd: Command, o: Common): Promise<{ mod: CasesModule; store: Store; viewer: Viewer }> => {
    const ctx = await opts.open(cmd);
    const store = ctx.store;
    const user = await ctx.operator(o.tenant, o.as).catch(async (e: unknown) => {
      await ctx.close();
      throw e;
    });
    const access = new AccessService({ store, clock: systemClock, ids: systemIds() });
    const created = await createCases({
      store,
      access,
      clock: systemClock,
      ids: systemIds(),
      audit: ctx.audit,
      caseStore: ctx.caseStore,
      ...ctx.reporting,
    });
    const mod: CasesModule = {
      ...created,
      close: async () => {
        await created.close();
        await ctx.close();
      },
    };
    const viewer: Viewer = {
      tenantId: user.tenantId,
      userId: user.id,
      roles: user.roles,
      seesStr: user.roles.some((r) => amlRoles.includes(r)),
    };
    return { mod, store, viewer };
  };
  const run =
    (fn: (m: CasesModule, v: Viewer, o: Common & Record<string, unknown>) => Promise<unknown>) =>
    async (o: Common & Record<string, unknown>, cmd: Command): Promise<void> => {
      const { mod, viewer } = await open(cmd, o);
      try {
        const out = await fn(mod, viewer, o);
        if (out !== undefined) console.log(o.json ? JSON.stringify(out, null, 2) : table(out));
      } finally {
        await mod.close();
      }
    };
  const common = (c: Command) =>
    c
      .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
      .option('--as <username>', 'act as this operator, with a password (or set ZHILI_TOKEN from `zhili login`)')
      .option('--json', 'print JSON');

  const alerts = program.command('alerts').description('alerts · 预警');
  common(alerts.command('list').description('open alerts, newest first · 预警列表')).action(
    run((m, v) => m.cases.listAlerts(v, { limit: 100 })),
  );
  const cases = program.command('cases').description('cases · 案件');
  common(cases.command('list').description('cases with their SLA · 案件列表'))
    .option('--status <list>', 'comma-separated statuses')
    .action(
      run((m, v, o) =>
        m.cases.listCases(v, {
          limit: 100,
          ...(typeof o.status === 'string' ? { status: o.status.split(',') as never } : {}),
        }),
      ),
    );
  const reports = program.command('reports').description('regulatory reports · 监管报告');
  common(reports.command('list').description('the register of reports and deadlines · 报告台账')).action(
    run((m, v) => m.reports.register(v, { limit: 200 })),
  );
  common(
    reports
      .command('draft-large-value')
      .description('draft a PBOC large-value report from open obligations · 起草大额报告'),
  ).action(run((m, v) => m.reports.draftLargeValue(v).then((r) => [r])));
  common(reports.command('approve <id>').description('approve a report (a second operator, approver role) · 审批报告'))
    .option('--note <text>', 'approval note', '')
    .action(async (id: string, o: Common & Record<string, unknown> & { note: string }, cmd: Command) =>
      run((m, v) => m.reports.approve(v, id, o.note).then((r) => [r]))(o, cmd),
    );
  common(reports.command('reject <id>').description('reject a report · 退回报告'))
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: Common & Record<string, unknown> & { reason: string }, cmd: Command) =>
      run((m, v) => m.reports.reject(v, id, o.reason).then((r) => [r]))(o, cmd),
    );
  registerCaseActionCommands(cases, reports, run, common);
  common(reports.command('submit <ids...>').description('produce the files of approved reports · 生成报文')).action(
    async (ids: string[], o: Common & Record<string, unknown>, cmd: Command) =>
      run((m, v) => m.reports.submit(v, ids))(o, cmd),
  );
  common(reports.command('download <package>').description('write a submitted package (ZIP) to a file · 下载报文包'))
    .requiredOption('--out <file>', 'where to write it')
    .action(async (name: string, o: Common & { out: string }, cmd: Command) => {
      const { mod, viewer } = await open(cmd, o);
      try {
        const p = await mod.reports.package(viewer, name);
        writeFileSync(o.out, p.bytes);
        console.log(`${p.name}: ${p.bytes.length} bytes, sha256 ${p.sha256} → ${o.out}`);
      } finally {
        await mod.close();
      }
    });
}

/** A plain table of the records' scalar fields, for people. */
function table(rows: unknown): string {
  if (!Array.isArray(rows) || rows.length === 0) return '(none · 无)';
  const cols = Object.keys(rows[0] as object).filter((k) =>
    rows.some((r) => ['string', 'number', 'boolean'].includes(typeof (r as Record<string, unknown>)[k])),
  );
  const cell = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  const lines = [
    cols.join('\t'),
    ...rows.map((r) => cols.map((c) => cell((r as Record<string, unknown>)[c])).join('\t')),
  ];
  return lines.join('\n');
}
