/** `zhili disclosure compute|submit|approve|publish|show|verify|related-party`, as an authenticated operator. */
import type { Command } from 'commander';
import { asCliOperator, type CliSession, type CliWho } from '../kernel/index.ts';
import type { Disclosure } from './core/workflow.ts';
import { disclosureActor, type DisclosureActor } from './permissions.ts';
import type { DisclosureService } from './service.ts';

export interface DisclosureCliDeps {
  open(cmd: Command): Promise<CliSession<{ disclosures: DisclosureService }>>;
}

type Who = CliWho;

const line = (d: Disclosure): string =>
  `${d.id}  ${d.period} v${d.version}  ${d.state.padEnd(9)} sha256 ${d.hash}${d.corrects ? `  corrects ${d.corrects}` : ''}`;

async function withOperator<T>(
  deps: DisclosureCliDeps,
  cmd: Command,
  o: Who,
  fn: (s: DisclosureService, a: DisclosureActor) => Promise<T>,
): Promise<T> {
  return asCliOperator(
    (c) => deps.open(c),
    cmd,
    o,
    (ctx, op) => fn(ctx.disclosures, disclosureActor({ tenantId: op.tenantId, userId: op.id, roles: op.roles })),
  );
}

export function registerDisclosureCommands(program: Command, deps: DisclosureCliDeps): void {
  const c = program
    .command('disclosure')
    .description('monthly operating data, published with four eyes (T/NIFA 1—2017) · 信息披露');
  const who = (x: Command): Command =>
    x
      .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
      .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
      .option('--json', 'print JSON');
  const print = (o: Who, v: Disclosure | Disclosure[]) =>
    console.log(o.json ? JSON.stringify(v, null, 2) : [v].flat().map(line).join('\n') || 'None · 无');

  who(c.command('compute <period>').description('compute a month (YYYY-MM) as a draft · 计算月度运营数据'))
    .option('--reason <text>', 'a correction of a published month: why · 更正原因')
    .action(async (period: string, o: Who & { reason?: string }, cmd: Command) =>
      print(o, await withOperator(deps, cmd, o, (s, a) => s.compute(a, period, o.reason))),
    );
  for (const [name, zh] of [
    ['submit', '提交审批'],
    ['approve', '审批（须为第二名操作员）'],
    ['publish', '发布'],
    ['reject', '退回'],
    ['discard', '作废'],
  ] as const)
    who(c.command(`${name} <id>`).description(`${name} a version · ${zh}`)).action(
      async (id: string, o: Who, cmd: Command) =>
        print(o, await withOperator(deps, cmd, o, (s, a) => s.act(a, id, name))),
    );
  who(c.command('show [idOrPeriod]').description('a version, or the versions of a month, or all · 查看')).action(
    async (x: string | undefined, o: Who, cmd: Command) => {
      const out = await withOperator(deps, cmd, o, async (s, a) =>
        x && !/^\d{4}-\d{2}$/.test(x) ? s.get(a, x) : s.list(a, x),
      );
      if (o.json || Array.isArray(out)) return print(o, out);
      console.log(line(out));
      console.log(JSON.stringify(out.doc, null, 2));
      if (out.diff) for (const d of out.diff) console.log(`  ${d.path}: ${String(d.before)} → ${String(d.after)}`);
    },
  );
  who(
    c
      .command('related-party [partyId]')
      .description('the related-party register, or add/change one entry · 关联方名册（查看或登记）'),
  )
    .option('--relation <text>', 'how the party is related (with --since: add or change) · 关联关系')
    .option('--since <date>', 'first day of the relation, YYYY-MM-DD · 关联开始日')
    .option('--until <date>', 'first day no longer related, YYYY-MM-DD · 关联结束日')
    .action(
      async (
        partyId: string | undefined,
        o: Who & { relation?: string; since?: string; until?: string },
        cmd: Command,
      ) => {
        const out = await withOperator(deps, cmd, o, async (s, a) =>
          partyId && o.relation && o.since
            ? [
                await s.putRelatedParty(a, partyId, {
                  relation: o.relation,
                  since: o.since,
                  ...(o.until ? { until: o.until } : {}),
                }),
              ]
            : (await s.relatedParties(a)).filter((r) => !partyId || r.partyId === partyId),
        );
        if (o.json) return console.log(JSON.stringify(out, null, 2));
        for (const r of out) console.log(`${r.partyId}  ${r.relation}  ${r.since} → ${r.until ?? '…'}`);
        if (out.length === 0) console.log('None · 无');
      },
    );
  who(c.command('verify <id>').description('recompute the hash and check the ledger entry · 对照审计账本验证')).action(
    async (id: string, o: Who, cmd: Command) => {
      const v = await withOperator(deps, cmd, o, (s, a) => s.verify(a.tenantId, id));
      if (o.json) console.log(JSON.stringify(v, null, 2));
      else {
        console.log(`${v.ok ? 'OK · 验证通过' : 'FAILED · 验证失败'}  ${v.id} ${v.period} v${v.version}`);
        console.log(`sha256 ${v.computedHash}${v.ledger ? `  ledger #${v.ledger.index} of ${v.ledger.treeSize}` : ''}`);
        for (const p of v.problems) console.log(`  ${p.en} · ${p.zh}`);
      }
      if (!v.ok) process.exitCode = 1;
    },
  );
}
