import type { Command } from 'commander';
import type { CaseAction } from './core/workflow.ts';
import type { CasesModule } from './module.ts';
import type { Viewer } from './service.ts';

type Opts = Record<string, unknown>;
/** The caller's runner (its options type differs as the CLI's authentication changes; the runner checks them). */
type Run = (
  fn: (m: CasesModule, v: Viewer, o: Opts) => Promise<unknown>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
) => (o: any, cmd: Command) => Promise<void>;

const list = (v: unknown): string[] =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The workflow action a `zhili cases act` invocation asks for (the use-case validates it further). */
export function caseActionOf(action: string, o: Opts): CaseAction {
  switch (action) {
    case 'assign':
      return { type: 'assign', assignee: text(o.assignee) };
    case 'start':
    case 'resume':
      return { type: action };
    case 'escalate':
    case 'reject':
    case 'reopen':
      return { type: action, reason: text(o.reason) };
    case 'request-close':
      return {
        type: 'request_close',
        resolution: text(o.resolution) as 'false_positive' | 'no_report' | 'reported',
        reason: text(o.reason),
      };
    case 'approve':
      return { type: 'approve', note: text(o.note) };
    case 'comment':
      return { type: 'comment', text: text(o.text) };
    case 'tag':
      return { type: 'tag', add: list(o.add), remove: list(o.remove) };
    default:
      throw new Error(`unknown case action "${action}" · 未知的案件操作`);
  }
}

/**
 * `zhili cases act` (the case workflow, with the same rules and history as over the API) and
 * `zhili reports draft-suspicious` (a PBOC BSTR, goAML STR or FinCEN SAR from a case).
 */
export function registerCaseActionCommands(
  cases: Command,
  reports: Command,
  run: Run,
  common: (c: Command) => Command,
): void {
  common(
    cases
      .command('act <id> <action>')
      .description(
        'act on a case: assign, start, escalate, resume, request-close, approve, reject, reopen, comment, tag · 案件操作',
      ),
  )
    .option('--assignee <userId>', 'assign: to whom')
    .option('--reason <text>', 'escalate, request-close, reject, reopen: why')
    .option('--resolution <r>', 'request-close: false_positive | no_report | reported')
    .option('--note <text>', 'approve: note')
    .option('--text <text>', 'comment: the comment')
    .option('--add <tags>', 'tag: comma-separated tags to add')
    .option('--remove <tags>', 'tag: comma-separated tags to remove')
    .action(async (id: string, action: string, o: Opts, cmd: Command) =>
      run((m, v) => m.cases.act(v, id, caseActionOf(action, o)).then((c) => [c]))(o, cmd),
    );

  common(
    reports
      .command('draft-suspicious')
      .description(
        'draft a suspicious transaction report from a case (PBOC BSTR, goAML STR, FinCEN SAR) · 起草可疑交易报告',
      ),
  )
    .requiredOption('--case <id>', 'the case')
    .option('--format <f>', 'pboc | goaml | fincen', 'pboc')
    .requiredOption('--narrative <text>', 'the transactions and behaviour (PBOC STCB, FinCEN narrative)')
    .option('--analysis <text>', 'why it is suspicious (PBOC AOSP, goAML reason)')
    .option('--codes <list>', 'PBOC characteristic codes, e.g. 0904')
    .option('--indicators <list>', 'goAML indicators from the FIU list')
    .option('--classifications <list>', 'FinCEN type:subtype pairs, e.g. 11:1101')
    .option('--events <list>', 'further event ids of the customer to include')
    .option('--measures <text>', 'measures taken')
    .option('--no-suspect', 'FinCEN: no suspect identified at detection (due in 60 days)')
    .action(async (o: Opts, cmd: Command) =>
      run(async (m, v) => {
        const caseId = text(o.case);
        const eventIds = list(o.events);
        const extra = eventIds.length > 0 ? { eventIds } : {};
        if (o.format === 'goaml')
          return [
            await m.suspicious.draftGoaml(v, {
              reportCode: 'str',
              caseId,
              reason: text(o.analysis) || text(o.narrative),
              indicators: list(o.indicators),
              ...(o.measures ? { action: text(o.measures) } : {}),
              ...extra,
            }),
          ];
        if (o.format === 'fincen')
          return [
            await m.suspicious.draftFincenSar(v, {
              caseId,
              narrative: text(o.narrative),
              classifications: list(o.classifications).map((c) => {
                const [typeId = '', subtypeId = ''] = c.split(':');
                return { typeId, subtypeId };
              }),
              suspectIdentified: o.suspect !== false,
              ...extra,
            }),
          ];
        return [
          await m.suspicious.draftBstr(v, caseId, {
            narrative: text(o.narrative),
            analysis: text(o.analysis),
            characteristicCodes: list(o.codes),
            ...(o.measures ? { measures: text(o.measures) } : {}),
            ...extra,
          }),
        ];
      })(o, cmd),
    );
}
