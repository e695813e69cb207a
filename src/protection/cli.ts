/** `zhili complaints list|show|act`: as an authenticated operator (ZHILI_TOKEN, or --tenant/--as with a password). */
import type { Command } from 'commander';
import { asCliOperator, parseMoney, ZhiliError, type CliSession, type CliWho } from '../kernel/index.ts';
import { complaintStates, outcomes, type Action, type ComplaintState, type Outcome } from './core/types.ts';
import type { ProtectionModule } from './module.ts';
import { complaintActor, type ComplaintActor } from './permissions.ts';
import type { ComplaintView } from './views.ts';

export interface ComplaintCliDeps {
  open(cmd: Command): Promise<CliSession<{ protection: Pick<ProtectionModule, 'complaints'> }>>;
}

type Who = CliWho;

const line = (c: ComplaintView): string =>
  `${c.id}  ${c.state.padEnd(17)} ${c.category}/${c.cause}  ${c.channel.padEnd(7)} due ${c.clock.decisionBy} (${c.clock.status})`;

async function withOperator<T>(
  deps: ComplaintCliDeps,
  cmd: Command,
  o: Who,
  fn: (p: Pick<ProtectionModule, 'complaints'>, a: ComplaintActor) => Promise<T>,
): Promise<T> {
  return asCliOperator(
    (c) => deps.open(c),
    cmd,
    o,
    (ctx, op) => fn(ctx.protection, complaintActor({ tenantId: op.tenantId, userId: op.id, roles: op.roles })),
  );
}

function actionFrom(name: string, o: Record<string, string | boolean | undefined>): Action {
  const bad = (en: string, zh: string, pointer: string) =>
    new ZhiliError('ZHILI_E_VALIDATION', { message: en, messageZh: zh, pointer });
  switch (name) {
    case 'acknowledge':
    case 'investigate':
    case 'approve':
    case 'communicate':
    case 'close':
    case 'reopen':
      return { kind: name };
    case 'extend':
      if (o.to !== 'complex' && o.to !== 'special')
        throw bad('--to complex|special', '--to 须为 complex 或 special', '/to');
      return { kind: 'extend', to: o.to, consumerNotified: o.consumerNotified === true };
    case 'escalate':
      if (o.to !== 'mediation' && o.to !== 'regulator')
        throw bad('--to mediation|regulator', '--to 须为 mediation 或 regulator', '/to');
      return { kind: 'escalate', to: o.to };
    case 'return':
      return { kind: 'return', reason: String(o.reason ?? '') };
    case 'propose': {
      if (!(outcomes as readonly string[]).includes(String(o.outcome)))
        throw bad(`--outcome ${outcomes.join('|')}`, `--outcome 须为 ${outcomes.join('|')}`, '/outcome');
      const m = parseMoney(String(o.compensation ?? '0'), String(o.currency ?? 'CNY'));
      if (!m.ok) throw new ZhiliError(m.error, { pointer: '/compensation' });
      return {
        kind: 'propose',
        outcome: o.outcome as Outcome,
        compensationMinor: m.value.minor,
        currency: m.value.currency,
        rootCause: typeof o.rootCause === 'string' ? o.rootCause : undefined,
      };
    }
    default:
      throw bad(`unknown action ${name}`, `未知操作 ${name}`, '/action');
  }
}

export function registerComplaintCommands(program: Command, deps: ComplaintCliDeps): void {
  const c = program.command('complaints').description('consumer complaints on statutory clocks · 金融消费者投诉');
  const who = (x: Command): Command =>
    x
      .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
      .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
      .option('--json', 'print JSON');

  who(c.command('list').description('complaints with their decision clocks · 投诉列表'))
    .option('--state <state>', `only this state (${complaintStates.join(', ')})`)
    .option('--due', 'only breach warnings: due soon or past the deadline · 仅显示临近或超出时限的投诉')
    .option('--limit <n>', 'at most n', '100')
    .action(async (o: Who & { state?: string; due?: boolean; limit: string }, cmd: Command) => {
      const list = await withOperator(deps, cmd, o, (p, a) =>
        o.due
          ? p.complaints.due(a)
          : p.complaints.list(a, { state: o.state as ComplaintState | undefined, limit: Number(o.limit) }),
      );
      console.log(o.json ? JSON.stringify(list, null, 2) : list.map(line).join('\n') || 'No complaints · 无投诉');
    });

  who(c.command('show <id>').description('a complaint, its clock and history · 查看投诉')).action(
    async (id: string, o: Who, cmd: Command) => {
      const out = await withOperator(deps, cmd, o, async (p, a) => ({
        complaint: await p.complaints.view(a, id),
        history: await p.complaints.history(a, id),
      }));
      if (o.json) return console.log(JSON.stringify(out, null, 2));
      console.log(line(out.complaint));
      console.log(`regulator ${out.complaint.regulator}: ${out.complaint.clock.source}`);
      for (const h of out.history)
        console.log(`  ${h.seq}. ${h.at} ${h.action} ${h.from ?? '-'} → ${h.to} by ${h.actorId}`);
      console.log(`next · 可执行: ${out.complaint.actions.join(', ')}`);
    },
  );

  who(c.command('act <id> <action>').description('take the next step · 执行投诉处理步骤'))
    .option('--outcome <o>', `propose: ${outcomes.join('|')}`)
    .option('--compensation <amount>', 'propose: compensation, e.g. 500.00')
    .option('--currency <code>', 'propose: ISO 4217 currency', 'CNY')
    .option('--root-cause <tag>', 'propose: root-cause tag')
    .option('--to <target>', 'extend: complex|special; escalate: mediation|regulator')
    .option('--consumer-notified', 'extend --to special: the consumer was told')
    .option('--reason <text>', 'return: why the proposal goes back')
    .option('--expected-version <n>', 'refuse if the complaint changed meanwhile')
    .action(async (id: string, action: string, o: Who & Record<string, string | boolean | undefined>, cmd: Command) => {
      const act = actionFrom(action, o);
      const v = await withOperator(deps, cmd, o, (p, a) =>
        p.complaints.act(a, id, act, o.expectedVersion ? Number(o.expectedVersion) : undefined),
      );
      console.log(o.json ? JSON.stringify(v, null, 2) : line(v));
    });
}
