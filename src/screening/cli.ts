/** `zhili screen` and `zhili lists …`: ad-hoc screening, fetching, storing and inspecting lists. */
import type { Command } from 'commander';
import { systemClock } from '../kernel/index.ts';
import type { Hit, ScreenQuery } from './core/types.ts';
import { fetchLists, type FetchProgress, type ListSources } from './lists/fetch.ts';
import { parseListSpecs, type ListSpec } from './lists/files.ts';
import type { ListStore } from './lists/store.ts';
import { ScreeningService } from './service.ts';

/** What the commands need of the configuration: the list store, configured files and download URLs. */
export interface ScreenCliContext {
  open(cmd: Command): Promise<{ store: ListStore; specs: ListSpec[]; sources: ListSources; close(): Promise<void> }>;
}

const sources = ['ofac-sdn', 'un-sc', 'generic'] as const;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The lists given with --list, else the stored versions and the configured files. */
async function loaded(service: ScreeningService, listOpts: string[], cmd: Command, ctx?: ScreenCliContext) {
  if (listOpts.length > 0 || !ctx) return service.loadAll(parseListSpecs(listOpts.join(';'), '--list'));
  const c = await ctx.open(cmd);
  try {
    return service.replace(await c.store.current(), c.specs);
  } finally {
    await c.close();
  }
}

const mb = (n: number): string => `${(n / 1_048_576).toFixed(1)} MB`;

/** Progress on stderr: a line per file and per checked list; a live byte count on a terminal. */
function showProgress(p: FetchProgress): void {
  if (p.kind === 'download') {
    if (process.stderr.isTTY)
      process.stderr.write(`\r  ${p.listId} ${p.file}: ${mb(p.bytes)}${p.total ? ` / ${mb(p.total)}` : ''}   `);
  } else if (p.kind === 'downloaded') {
    if (process.stderr.isTTY) process.stderr.write('\r');
    console.error(`  ${p.listId} ${p.file}: ${mb(p.bytes)} downloaded · 已下载`);
  } else {
    const c = p.version.counts;
    console.error(
      `  ${p.version.version}: ${c.entries} entries, ${c.names} names · ${c.entries} 个条目，${c.names} 个名称 — ${p.changed ? 'new version · 新版本' : 'unchanged · 未变化'}`,
    );
  }
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

export function registerScreenCommands(program: Command, ctx?: ScreenCliContext): void {
  program
    .command('screen <name>')
    .description('screen a name against the sanctions and internal lists · 名单筛查')
    .option('--dob <date>', 'date of birth: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--country <country>', 'nationality or country: ISO code or name')
    .option('--kind <kind>', 'person | organisation | vessel | aircraft')
    .option('--id <number>', 'an ID document number (repeatable)', collect, [])
    .option('--threshold <p>', 'lowest match probability to report', Number)
    .option('--list <source=path>', 'list to load instead of the stored and configured ones (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .action(
      async (
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
        cmd: Command,
      ) => {
        const service = new ScreeningService({ clock: systemClock });
        await loaded(service, o.list, cmd, ctx);
        const query: ScreenQuery = { name };
        if (o.dob) query.dob = o.dob;
        if (o.country) query.country = o.country;
        if (o.kind) query.kind = o.kind as ScreenQuery['kind'];
        if (o.id.length > 0) query.ids = o.id.map((number) => ({ type: 'document', number }));
        // With no list loaded this throws ZHILI_E_SCREENING_NO_LISTS: the command fails, never "no hits".
        const result = service.screen(query, o.threshold === undefined ? {} : { threshold: o.threshold });
        if (o.json) {
          console.log(JSON.stringify({ query, ...result }, null, 2));
        } else {
          console.log(`lists · 名单: ${result.listVersions.join(', ')}`);
          if (result.hits.length === 0) console.log('no hits · 无命中');
          for (const h of result.hits) console.log(formatHit(h));
        }
        if (result.hits.some((h) => h.recommendation === 'block')) process.exitCode = 2;
      },
    );

  const lists = program.command('lists').description('sanctions and internal lists · 名单管理');
  lists
    .command('fetch')
    .description(
      'download the OFAC SDN and UN consolidated lists, check them and store them as new list versions · 下载、校验并保存制裁名单',
    )
    .option(
      '--ofac-base-url <url>',
      'where sdn.csv, add.csv, alt.csv, sdn_comments.csv are published (env ZHILI_OFAC_BASE_URL)',
    )
    .option('--un-url <url>', 'the UN consolidated list XML (env ZHILI_UN_LIST_URL)')
    .option('--only <list>', 'fetch only ofac-sdn or un-sc (repeatable)', collect, [])
    .option('--allow-shrink', 'store a list even when it has under half the entries of the stored version')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        o: { ofacBaseUrl?: string; unUrl?: string; only: string[]; allowShrink?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        if (!ctx) throw new Error('lists fetch needs a data directory or database · 需要数据目录或数据库');
        for (const l of o.only)
          if (l !== 'ofac-sdn' && l !== 'un-sc') throw new Error(`--only: ofac-sdn or un-sc, not "${l}"`);
        const c = await ctx.open(cmd);
        try {
          const results = await fetchLists({
            store: c.store,
            sources: {
              ofacBaseUrl: o.ofacBaseUrl ?? c.sources.ofacBaseUrl,
              unUrl: o.unUrl ?? c.sources.unUrl,
            },
            only: o.only as ('ofac-sdn' | 'un-sc')[],
            allowShrink: o.allowShrink === true,
            actor: 'cli',
            now: () => systemClock.now(),
            ...(o.json ? {} : { progress: showProgress }),
          });
          if (o.json) console.log(JSON.stringify(results, null, 2));
          else {
            for (const r of results)
              console.log(
                `${r.version.version}  ${r.version.counts.entries} entries  ${r.changed ? 'stored · 已保存' : 'unchanged · 未变化'}`,
              );
            console.log(
              'Running servers pick the new versions up within a minute, or at once on POST /v1/screening/lists:reload · 运行中的服务在一分钟内（或调用重新加载接口后立即）生效',
            );
          }
        } finally {
          await c.close();
        }
      },
    );
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
    .description('the lists screening uses: stored versions and configured files · 查看当前使用的名单')
    .option('--json', 'print the result as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const versions = await loaded(new ScreeningService({ clock: systemClock }), [], cmd, ctx);
      if (o.json) console.log(JSON.stringify(versions, null, 2));
      else if (versions.length === 0)
        console.log('No lists · 没有名单 — run `zhili lists fetch` · 请运行 `zhili lists fetch`');
      else for (const v of versions) console.log(`${v.version}  ${v.counts.entries} entries, ${v.counts.names} names`);
    });
}
