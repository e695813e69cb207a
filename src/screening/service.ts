/**
 * The screening use-cases: hold the loaded list versions and their index, screen one query or a batch.
 * Lists are loaded at start from configured files; a reload of one list replaces its version and
 * rebuilds the index (about a second for OFAC SDN + UN), swapped in only once it is complete.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../kernel/index.ts';
import { buildIndex, type ScreeningIndex } from './core/index-build.ts';
import { screen, type ScreenOptions } from './core/screen.ts';
import type { Hit, ListEntry, ScreenQuery } from './core/types.ts';
import { loadListFile, type ListSpec } from './lists/files.ts';
import type { ListVersion } from './lists/version.ts';

export interface ScreenResult {
  hits: Hit[];
  /** The list versions this answer was computed against. */
  listVersions: string[];
}

/**
 * Lists to load at start. `ZHILI_SCREENING_LISTS` holds `source=path` pairs separated by ";"
 * (source: ofac-sdn, un-sc, generic; an optional `#listId` after the path names the list), e.g.
 * `ofac-sdn=/data/sdn;un-sc=/data/un.xml;generic=/data/pep.csv#pep`. Unset: the shared test lists
 * when `../shared/testdata/sanctions` exists, otherwise none. Set but empty: none.
 */
export function screeningListSpecs(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ListSpec[] {
  const raw = env.ZHILI_SCREENING_LISTS;
  if (raw !== undefined) return parseListSpecs(raw);
  const base = resolve(cwd, '../shared/testdata/sanctions');
  const specs: ListSpec[] = [];
  if (existsSync(resolve(base, 'ofac-sdn-2021/sdn.csv')))
    specs.push({ source: 'ofac-sdn', path: resolve(base, 'ofac-sdn-2021') });
  if (existsSync(resolve(base, 'un-consolidated.xml')))
    specs.push({ source: 'un-sc', path: resolve(base, 'un-consolidated.xml') });
  return specs;
}

export function parseListSpecs(raw: string): ListSpec[] {
  return raw
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^(ofac-sdn|un-sc|generic)=([^#]+)(?:#(.+))?$/u.exec(item);
      if (!m) throw new Error(`ZHILI_SCREENING_LISTS: cannot read "${item}" (want source=path[#listId])`);
      const spec: ListSpec = { source: m[1] as ListSpec['source'], path: resolve(m[2] ?? '') };
      if (m[3]) spec.listId = m[3];
      return spec;
    });
}

export class ScreeningService {
  private readonly lists = new Map<string, { version: ListVersion; entries: ListEntry[] }>();
  private index: ScreeningIndex = buildIndex([]);
  private versionIds: string[] = [];

  constructor(private readonly deps: { clock: Clock; options?: ScreenOptions }) {}

  /** Loads (or reloads) one list from files and rebuilds the index. */
  load(spec: ListSpec): ListVersion {
    const loaded = loadListFile(spec, this.deps.clock.now());
    this.lists.set(loaded.version.listId, loaded);
    this.rebuild();
    return loaded.version;
  }

  /** Adds entries already parsed (a tenant upload, a test list). */
  put(version: ListVersion, entries: ListEntry[]): void {
    this.lists.set(version.listId, { version, entries });
    this.rebuild();
  }

  loadAll(specs: readonly ListSpec[]): ListVersion[] {
    const out = specs.map((s) => loadListFile(s, this.deps.clock.now()));
    for (const l of out) this.lists.set(l.version.listId, l);
    this.rebuild();
    return out.map((l) => l.version);
  }

  versions(): ListVersion[] {
    return [...this.lists.values()].map((l) => l.version);
  }

  screen(query: ScreenQuery, options: ScreenOptions = {}): ScreenResult {
    const hits = screen(this.index, query, { ...this.deps.options, ...options });
    return { hits, listVersions: this.usedVersions(options.lists) };
  }

  screenBatch(
    queries: readonly ScreenQuery[],
    options: ScreenOptions = {},
  ): { results: Hit[][]; listVersions: string[] } {
    const opts = { ...this.deps.options, ...options };
    return { results: queries.map((q) => screen(this.index, q, opts)), listVersions: this.usedVersions(options.lists) };
  }

  private usedVersions(lists?: readonly string[]): string[] {
    return lists ? this.versionIds.filter((v) => lists.includes(v.slice(0, v.indexOf('@')))) : this.versionIds;
  }

  private rebuild(): void {
    const all = [...this.lists.values()];
    this.index = buildIndex(all.flatMap((l) => l.entries));
    this.versionIds = all.map((l) => l.version.version);
  }
}
