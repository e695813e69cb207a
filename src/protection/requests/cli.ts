/**
 * `zhili data-subject-requests list|show|verify|refuse` and `zhili incidents list|show|notify`: as an
 * authenticated operator (ZHILI_TOKEN, or --tenant/--as with a password). Exports and deletions run on the
 * server, where the event store's keys are: use the HTTP API for those.
 */
import type { Command } from 'commander';
import { asCliOperator, ZhiliError, type CliSession, type CliWho } from '../../kernel/index.ts';
import { verificationMethods, type VerificationMethod } from './core/deadlines.ts';
import type { RightsModule } from './module.ts';
import { rightsActor, type RightsActor } from './permissions.ts';
import type { RequestView } from './schemas.ts';
import type { IncidentView } from '../incidents/views.ts';

export interface RightsCliDeps {
  open(cmd: Command): Promise<CliSession<{ rights: Pick<RightsModule, 'requests' | 'incidents'> }>>;
}

type Who = CliWho;

const reqLine = (r: RequestView) =>
  `${r.id}  ${r.kind.padEnd(10)} ${r.state.padEnd(9)} subject ${r.subject}  due ${r.deadline.dueBy} (${r.deadline.status})`;
const incLine = (i: IncidentView) =>
  `${i.id}  ${i.grade.padEnd(3)} ${i.gradeName.zh}  ${i.state.padEnd(9)} ${i.type}  ${i.title}` +
  i.notices.map((n) => `\n    → ${n.authority} by ${n.dueAt} (${n.status})`).join('');

async function withOperator<T>(
  deps: RightsCliDeps,
  cmd: Command,
  o: Who,
  fn: (m: Pick<RightsModule, 'requests' | 'incidents'>, a: RightsActor) => Promise<T>,
): Promise<T> {
  return asCliOperator(
    (c) => deps.open(c),
    cmd,
    o,
    (ctx, op) => fn(ctx.rights, rightsActor({ tenantId: op.tenantId, userId: op.id, roles: op.roles })),
  );
}

const who = (x: Command): Command =>
  x
    .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
    .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
    .option('--json', 'print JSON');

export function registerRightsCommands(program: Command, deps: RightsCliDeps): void {
  const d = program
    .command('data-subject-requests')
    .description('personal-information rights requests (PIPL arts. 44–50) · 个人信息权利请求');
  who(d.command('list').description('requests with their deadlines · 请求列表'))
    .option('--due', 'only deadline warnings · 仅显示临近或超出时限的请求')
    .option('--state <state>', 'only this state')
    .action(async (o: Who & { due?: boolean; state?: string }, cmd: Command) => {
      const list = await withOperator(deps, cmd, o, (m, a) =>
        o.due ? m.requests.due(a) : m.requests.list(a, { state: o.state, limit: 500 }),
      );
      console.log(o.json ? JSON.stringify(list, null, 2) : list.map(reqLine).join('\n') || 'No requests · 无请求');
    });
  who(d.command('show <id>').description('a request and its steps · 查看请求')).action(
    async (id: string, o: Who, cmd: Command) => {
      const out = await withOperator(deps, cmd, o, async (m, a) => ({
        request: await m.requests.get(a, id),
        history: await m.requests.history(a, id),
      }));
      if (o.json) return console.log(JSON.stringify(out, null, 2));
      console.log(reqLine(out.request));
      console.log(`deadline · 时限: ${out.request.deadline.source}`);
      for (const h of out.history) console.log(`  ${h.seq}. ${h.at} ${h.action} by ${h.actorId}`);
    },
  );
  who(d.command('verify <id>').description("record the requester's identity check · 记录身份核验"))
    .requiredOption('--method <m>', verificationMethods.join('|'))
    .action(async (id: string, o: Who & { method: string }, cmd: Command) => {
      if (!(verificationMethods as readonly string[]).includes(o.method))
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '/method',
          message: `--method ${verificationMethods.join('|')}`,
          messageZh: `--method 须为 ${verificationMethods.join('|')}`,
        });
      const v = await withOperator(deps, cmd, o, (m, a) =>
        m.requests.verify(a, id, { method: o.method as VerificationMethod }),
      );
      console.log(o.json ? JSON.stringify(v, null, 2) : reqLine(v));
    });
  who(d.command('refuse <id>').description('refuse with a reason (PIPL art. 50) · 拒绝并说明理由'))
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: Who & { reason: string }, cmd: Command) => {
      const v = await withOperator(deps, cmd, o, (m, a) => m.requests.refuse(a, id, { reason: o.reason }));
      console.log(o.json ? JSON.stringify(v, null, 2) : reqLine(v));
    });

  const i = program.command('incidents').description('operational and security incidents · 突发事件登记');
  who(i.command('list').description('incidents with their reporting clocks · 事件列表'))
    .option('--due', 'only those with a notice near or past its deadline · 仅显示临近或超出报告时限的事件')
    .action(async (o: Who & { due?: boolean }, cmd: Command) => {
      const list = await withOperator(deps, cmd, o, (m, a) =>
        o.due ? m.incidents.due(a) : m.incidents.list(a, { limit: 500 }),
      );
      console.log(o.json ? JSON.stringify(list, null, 2) : list.map(incLine).join('\n') || 'No incidents · 无事件');
    });
  who(i.command('show <id>').description('an incident · 查看事件')).action(async (id: string, o: Who, cmd: Command) => {
    const v = await withOperator(deps, cmd, o, (m, a) => m.incidents.get(a, id));
    console.log(o.json ? JSON.stringify(v, null, 2) : incLine(v));
  });
  who(i.command('notify <id> <authority>').description('record that an authority was told · 记录已报告'))
    .option('--reference <ref>', "the authority's reference")
    .action(async (id: string, authority: string, o: Who & { reference?: string }, cmd: Command) => {
      const v = await withOperator(deps, cmd, o, (m, a) =>
        m.incidents.act(a, id, { action: 'notify', authority, ...(o.reference ? { reference: o.reference } : {}) }),
      );
      console.log(o.json ? JSON.stringify(v, null, 2) : incLine(v));
    });
}
