/** `zhili suitability …`: as an authenticated operator (ZHILI_TOKEN, or --tenant/--as with a password). */
import type { Command } from 'commander';
import { asCliOperator, type CliSession, type CliWho } from '../../kernel/index.ts';
import type { SuitabilityModule } from './module.ts';
import { suitabilityActor, type SuitabilityActor } from './permissions.ts';

export interface SuitabilityCliDeps {
  open(cmd: Command): Promise<CliSession<{ suitability: Pick<SuitabilityModule, 'profiles' | 'advice'> }>>;
}

type Who = CliWho;
type S = Pick<SuitabilityModule, 'profiles' | 'advice'>;

async function run<T>(deps: SuitabilityCliDeps, cmd: Command, o: Who, fn: (s: S, a: SuitabilityActor) => Promise<T>) {
  return asCliOperator(
    (c) => deps.open(c),
    cmd,
    o,
    (ctx, op) => fn(ctx.suitability, suitabilityActor({ tenantId: op.tenantId, userId: op.id, roles: op.roles })),
  );
}

export function registerSuitabilityCommands(program: Command, deps: SuitabilityCliDeps): void {
  const c = program
    .command('suitability')
    .description('investor suitability, products and education · 投资者适当性管理');
  const who = (x: Command): Command =>
    x
      .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
      .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
      .option('--json', 'print JSON');
  const print = (o: Who, v: unknown, text: () => string): void =>
    console.log(o.json ? JSON.stringify(v, null, 2) : text());

  who(c.command('show <customerId>').description("a customer's category, expiry and status · 客户风险类别")).action(
    async (id: string, o: Who, cmd: Command) => {
      const p = await run(deps, cmd, o, (s, a) => s.profiles.profile(a, id));
      print(o, p, () =>
        p.current
          ? `${id}  ${p.current.category} (score ${p.current.score})  ${p.status}  expires ${p.current.expiresAt}` +
            (p.professional
              ? `\nprofessional · 专业投资者: ${p.professional.state}${p.professional.inForce ? ' (in force)' : ''}`
              : '') +
            `\nknowledge gaps · 知识短板: ${p.current.knowledgeGaps.join(', ') || '—'}`
          : `${id}  not assessed · 尚未评估`,
      );
    },
  );

  who(c.command('products').description('the product catalogue · 产品目录')).action(async (o: Who, cmd: Command) => {
    const ps = await run(deps, cmd, o, (s, a) => s.advice.products(a));
    print(
      o,
      ps,
      () =>
        ps
          .map((p) => `${p.id}  ${p.risk}  ${p.liquidity.padEnd(7)} ${p.status}  ${p.name.zh} / ${p.name.en}`)
          .join('\n') || 'No products · 无产品',
    );
  });

  who(
    c.command('check <customerId> <productId>').description('may the customer buy the product · 适当性匹配检查'),
  ).action(async (customerId: string, productId: string, o: Who, cmd: Command) => {
    const v = await run(deps, cmd, o, (s, a) => s.advice.check(a, customerId, productId));
    print(
      o,
      v,
      () =>
        `${v.category ?? 'C?'} → ${v.productRisk}: ${v.allowed ? 'allowed' : v.needs}\n${v.reason.en}\n${v.reason.zh}`,
    );
  });

  who(c.command('recommend <customerId>').description('products ranked by fit · 产品推荐'))
    .option('--limit <n>', 'at most n', '10')
    .action(async (customerId: string, o: Who & { limit: string }, cmd: Command) => {
      const r = await run(deps, cmd, o, (s, a) => s.advice.recommendations(a, customerId, Number(o.limit)));
      print(o, r, () =>
        r.note
          ? `${r.note.en}\n${r.note.zh}`
          : r.recommendations
              .map(
                (x) =>
                  `${x.fit.toString().padStart(3)}  ${x.productId}  ${x.risk}  ${x.name.zh}\n${x.explanation.map((l) => `     · ${l.zh} / ${l.en}`).join('\n')}`,
              )
              .join('\n'),
      );
    });

  who(c.command('education <customerId>').description('lessons and progress · 金融知识教育进度')).action(
    async (customerId: string, o: Who, cmd: Command) => {
      const e = await run(deps, cmd, o, (s, a) => s.advice.education(a, customerId));
      print(o, e, () =>
        [
          `${e.completed}/${e.total} completed · 已完成`,
          ...e.lessons.map((l) => `  ${l.state.padEnd(11)} ${l.id}  ${l.title.zh}`),
        ].join('\n'),
      );
    },
  );

  who(
    c
      .command('professional <customerId> <action>')
      .description('professional investor: propose|approve|revoke · 专业投资者认定'),
  )
    .option('--basis <text>', 'propose: why the customer qualifies')
    .action(async (customerId: string, action: string, o: Who & { basis?: string }, cmd: Command) => {
      const act =
        action === 'propose'
          ? { action: 'propose' as const, basis: o.basis ?? '' }
          : action === 'approve'
            ? { action: 'approve' as const }
            : action === 'revoke'
              ? { action: 'revoke' as const }
              : undefined;
      if (!act || (act.action === 'propose' && !o.basis)) throw new Error('propose --basis <text> | approve | revoke');
      const v = await run(deps, cmd, o, (s, a) => s.profiles.professional(a, customerId, act));
      print(o, v, () => `${customerId}  ${v.state}${v.inForce ? ' (in force until ' + v.until + ')' : ''}`);
    });

  who(c.command('settings').description('expiry, cooling-off and mismatch policy · 适当性设置')).action(
    async (o: Who, cmd: Command) => {
      const s = await run(deps, cmd, o, (x, a) => x.profiles.settings(a.tenantId));
      print(o, s, () => JSON.stringify(s, null, 2));
    },
  );
}
