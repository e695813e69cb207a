/** `zhili screen` and `zhili lists …`: ad-hoc screening and list loading from the command line. */
import type { Command } from 'commander';
import { systemClock } from '../kernel/index.ts';
import type { Hit, ScreenQuery } from './core/types.ts';
import type { ListSpec } from './lists/files.ts';
import { parseListSpecs, screeningListSpecs, ScreeningService } from './service.ts';

const sources = ['ofac-sdn', 'un-sc', 'generic'] as const;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function specsFrom(listOpts: string[]): ListSpec[] {
  return listOpts.length > 0 ? parseListSpecs(listOpts.join(';')) : screeningListSpecs();
}

export function formatHit(h: Hit): string {
  const flags = [
    h.recommendation,
    h.weakOnly ? 'weak alias only · 仅弱别名' : '',
    h.decisive ? 'ID match · 证件号一致' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const parts = h.parts.map((p) => `${p.query}→${p.entry} ${p.method} ${p.similarity}`).join('; ');
  const factors = h.factors
    .filter((f) => f.logOdds !== 0 && f.factor !== 'prior')
    .map((f) => `${f.factor} ${f.logOdds > 0 ? '+' : ''}${f.logOdds}`)
    .join(', ');
  return `${h.score.toFixed(3)}  ${h.listId}:${h.entryId}  ${h.matchedName}  [${flags}]\n        ${parts}${factors ? `\n        ${factors}` : ''}`;
}

export function registerScreenCommands(program: Command): void {
  program
    .command('screen <name>')
    .description('screen a name against the sanctions and internal lists · 名单筛查')
    .option('--dob <date>', 'date of birth: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--country <country>', 'nationality or country: ISO code or name')
    .option('--kind <kind>', 'person | organisation | vessel | aircraft')
    .option('--id <number>', 'an ID document number (repeatable)', collect, [])
    .option('--threshold <p>', 'lowest match probability to report', Number)
    .option(
      '--list <source=path>',
      'list to load instead of the configured ones (repeatable; env ZHILI_SCREENING_LISTS)',
      collect,
      [],
    )
    .option('--json', 'print the result as JSON')
    .action(
      (
        name: string,
        o: {
          dob?: string;
          country?: string;
          kind?: string;
          id: string[];
          threshold?: number;
          list: string[];
          json?: boolean;
        },
      ) => {
        const service = new ScreeningService({ clock: systemClock });
        const versions = service.loadAll(specsFrom(o.list));
        const query: ScreenQuery = { name };
        if (o.dob) query.dob = o.dob;
        if (o.country) query.country = o.country;
        if (o.kind) query.kind = o.kind as ScreenQuery['kind'];
        if (o.id.length > 0) query.ids = o.id.map((number) => ({ type: 'document', number }));
        const result = service.screen(query, o.threshold === undefined ? {} : { threshold: o.threshold });
        if (o.json) {
          console.log(JSON.stringify({ query, ...result }, null, 2));
          return;
        }
        if (versions.length === 0)
          console.error('No lists loaded · 未加载任何名单 (set ZHILI_SCREENING_LISTS or --list)');
        console.log(`lists · 名单: ${result.listVersions.join(', ') || 'none'}`);
        if (result.hits.length === 0) console.log('no hits · 无命中');
        for (const h of result.hits) console.log(formatHit(h));
        if (result.hits.some((h) => h.recommendation === 'block')) process.exitCode = 2;
      },
    );

  const lists = program.command('lists').description('sanctions and internal lists · 名单管理');
  lists
    .command('load <source> <path>')
    .description(`parse a list and print its version, hash and counts (${sources.join(' | ')}) · 加载并校验名单`)
    .option('--list-id <id>', 'name of the list (default: from the source or file name)')
    .option('--json', 'print the result as JSON')
    .action((source: string, path: string, o: { listId?: string; json?: boolean }) => {
      if (!(sources as readonly string[]).includes(source))
        throw new Error(`source must be one of ${sources.join(', ')}`);
      const spec: ListSpec = { source: source as ListSpec['source'], path };
      if (o.listId) spec.listId = o.listId;
      const v = new ScreeningService({ clock: systemClock }).load(spec);
      if (o.json) console.log(JSON.stringify(v, null, 2));
      else
        console.log(
          `${v.version}  sha256 ${v.contentHash}\n  ${Object.entries(v.counts)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}  (${v.loadMs} ms)`,
        );
    });
  lists
    .command('show')
    .description('the lists configured for screening (ZHILI_SCREENING_LISTS) · 查看已配置名单')
    .option('--json', 'print the result as JSON')
    .action((o: { json?: boolean }) => {
      const versions = new ScreeningService({ clock: systemClock }).loadAll(screeningListSpecs());
      if (o.json) console.log(JSON.stringify(versions, null, 2));
      else for (const v of versions) console.log(`${v.version}  ${v.counts.entries} entries, ${v.counts.names} names`);
    });
}
