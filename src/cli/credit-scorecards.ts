import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Permission } from '../access/index.ts';
import {
  CreditMonitor,
  LiveScorecards,
  registerMonitorCommand,
  ScorecardLifecycle,
  type StoredScorecard,
} from '../credit/index.ts';
import { systemClock } from '../kernel/index.ts';
import { cliAccess, cliOperatorWith } from './auth.ts';
import { configFrom } from './global.ts';
import { auditedStores } from './ledger-audit.ts';

interface Who {
  tenant?: string;
  as?: string;
  json?: boolean;
  note?: string;
  reason?: string;
  limits?: string;
}

const steps = {
  submit: 'rulesets:write',
  approve: 'rulesets:approve',
  reject: 'rulesets:approve',
  activate: 'rulesets:write',
  rollback: 'rulesets:rollback',
} as const satisfies Record<string, Permission>;

const line = (s: Omit<StoredScorecard, 'card'>): string =>
  `${s.version}\t${s.status}${s.shadow ? ' (shadow)' : ''}\t${s.name}\t${s.createdBy}\t${new Date(s.createdAt).toISOString()}`;
const view = (s: Omit<StoredScorecard, 'card'>) => ({
  version: s.version,
  name: s.name,
  status: s.status,
  shadow: s.shadow,
  createdBy: s.createdBy,
  createdAt: new Date(s.createdAt).toISOString(),
});

/** Opens the database and its ledger as the operator (with `permission`), runs `fn`, closes. */
async function asOperator<T>(
  cmd: Command,
  o: Who,
  permission: Permission,
  fn: (lifecycle: ScorecardLifecycle, actor: { tenantId: string; actorId: string }) => Promise<T>,
): Promise<T> {
  const a = await auditedStores(configFrom(cmd));
  try {
    const p = await cliOperatorWith(cliAccess(a.stores, a.sink), cmd, o, permission);
    const store = a.stores.credit;
    const lifecycle = new ScorecardLifecycle({
      store,
      live: new LiveScorecards(store),
      clock: systemClock,
      audit: a.sink,
    });
    return await fn(lifecycle, { tenantId: p.tenantId, actorId: p.userId });
  } finally {
    await a.close();
  }
}

const who = (c: Command): Command =>
  c
    .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
    .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
    .option('--json', 'print JSON');

/**
 * `zhili credit scorecards list|save|submit|approve|reject|activate|rollback`: the scorecard life cycle
 * from the command line, as an authenticated operator, audited on the ledger like the API. A running
 * server picks up an activation within its reload interval.
 */
export function registerCreditScorecardCommands(program: Command): void {
  const credit = program.commands.find((c) => c.name() === 'credit') ?? program.command('credit');
  // `zhili credit monitor`: the stability report from the stored decisions, as an operator who may read rule sets.
  registerMonitorCommand(credit, async (cmd, o, fn) => {
    const a = await auditedStores(configFrom(cmd));
    try {
      const p = await cliOperatorWith(cliAccess(a.stores, a.sink), cmd, o, 'rulesets:read');
      const monitor = new CreditMonitor({ store: a.stores.credit, clock: systemClock, audit: a.sink });
      monitor.attach(a.stores.main);
      return await fn(monitor, p.tenantId);
    } finally {
      await a.close();
    }
  });
  const sc = credit
    .command('scorecards')
    .description('stored scorecards and their four-eyes life cycle · 评分卡审批与上线');
  who(sc.command('list').description("the tenant's scorecards · 评分卡列表")).action(async (o: Who, cmd: Command) => {
    const all = await asOperator(cmd, o, 'rulesets:read', (l, a) => l.list(a.tenantId));
    console.log(o.json ? JSON.stringify(all.map(view), null, 2) : all.map(line).join('\n') || '(none · 无)');
  });
  who(
    sc
      .command('save <scorecard.json>')
      .description('store a trained scorecard as a draft · 保存为草稿')
      .option('--limits <file.json>', 'score-band limits {currency, bands:[{minScore, limitMinor}]}'),
  ).action(async (file: string, o: Who, cmd: Command) => {
    const card: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const limits = o.limits ? (JSON.parse(readFileSync(o.limits, 'utf8')) as never) : undefined;
    const s = await asOperator(cmd, o, 'rulesets:write', (l, a) => l.saveDraft(a, card, limits));
    console.log(o.json ? JSON.stringify(view(s), null, 2) : `${line(s)} · 已保存草稿`);
  });
  for (const [verb, permission] of Object.entries(steps)) {
    const c = who(sc.command(`${verb} <version>`).description(`${verb} a scorecard · 评分卡${verb}`)).option(
      '--note <text>',
      'kept in the history',
    );
    if (verb === 'rollback') c.requiredOption('--reason <text>', 'why (required) · 回滚原因');
    c.action(async (version: string, o: Who, cmd: Command) => {
      const s = await asOperator(cmd, o, permission, (l, a) => {
        switch (verb) {
          case 'submit':
            return l.submit(a, version, o.note);
          case 'approve':
            return l.approve(a, version, o.note);
          case 'reject':
            return l.reject(a, version, o.note);
          case 'activate':
            return l.activate(a, version, o.note);
          default:
            return l.rollback(a, version, o.reason ?? '');
        }
      });
      console.log(o.json ? JSON.stringify(view(s), null, 2) : line(s));
    });
  }
}
