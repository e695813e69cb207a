/**
 * The screening use-cases: hold the loaded list versions and their index, screen one query or a batch.
 * Lists come from stored versions (`zhili lists fetch`) and configured files; a reload replaces the
 * versions and rebuilds the index (about a second for OFAC SDN + UN), swapped in only once complete; the
 * server does that in a worker thread (list-build-thread.ts) and installs the result.
 * With no list loaded, screening refuses (ZHILI_E_SCREENING_NO_LISTS) instead of answering "no hits".
 */
import { canonicalJson, sha256Hex, ZhiliError, type Clock } from '../kernel/index.ts';
import { buildIndex, type ScreeningIndex } from './core/index-build.ts';
import { screen, type ScreenOptions } from './core/screen.ts';
import type { Hit, ListEntry, ScreenQuery } from './core/types.ts';
import { loadListFile, type ListSpec } from './lists/files.ts';
import { buildLists, type BuiltLists } from './list-build.ts';
import type { StoredListVersion } from './lists/store.ts';
import type { ListVersion, LoadedList } from './lists/version.ts';

export interface ScreenResult {
  hits: Hit[];
  /** The list versions this answer was computed against. */
  listVersions: string[];
}

export class ScreeningService {
  private lists = new Map<string, LoadedList>();
  private index: ScreeningIndex = buildIndex([]);
  private versionIds: string[] = [];
  private entryHashes = new Map<string, string>();

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
    return this.replace([], specs);
  }

  /**
   * Replaces every loaded list with the stored versions and the configured files (a file wins over a
   * stored version of the same list id), parsing all before swapping any in.
   */
  replace(stored: readonly StoredListVersion[], specs: readonly ListSpec[]): ListVersion[] {
    return this.install(buildLists({ stored, specs, now: this.deps.clock.now() }));
  }

  /**
   * Swaps in lists parsed and indexed elsewhere (a worker thread: list-build-thread.ts), whole: the
   * index was built over these lists' entries, in this order.
   */
  install(built: BuiltLists): ListVersion[] {
    this.lists = new Map(built.lists.map((l) => [l.version.listId, l]));
    this.index = built.index;
    this.versionIds = built.lists.map((l) => l.version.version);
    this.entryHashes = new Map();
    return this.versions();
  }

  versions(): ListVersion[] {
    return [...this.lists.values()].map((l) => l.version);
  }

  /** At least one list is loaded: screening can answer. */
  get ready(): boolean {
    return this.lists.size > 0;
  }

  /** SHA-256 of one entry as loaded: a changed entry (new alias, corrected DOB, new ID) hashes differently. */
  entryHash(listId: string, entryId: string): string | undefined {
    const key = `${listId}\u0000${entryId}`;
    const known = this.entryHashes.get(key);
    if (known) return known;
    const entry = this.lists.get(listId)?.entries.find((e) => e.id === entryId);
    if (!entry) return undefined;
    const h = sha256Hex(canonicalJson(entry));
    this.entryHashes.set(key, h);
    return h;
  }

  screen(query: ScreenQuery, options: ScreenOptions = {}): ScreenResult {
    this.requireLists();
    const hits = screen(this.index, query, { ...this.deps.options, ...options });
    return { hits, listVersions: this.usedVersions(options.lists) };
  }

  screenBatch(
    queries: readonly ScreenQuery[],
    options: ScreenOptions = {},
  ): { results: Hit[][]; listVersions: string[] } {
    this.requireLists();
    const opts = { ...this.deps.options, ...options };
    return { results: queries.map((q) => screen(this.index, q, opts)), listVersions: this.usedVersions(options.lists) };
  }

  private requireLists(): void {
    if (!this.ready) throw new ZhiliError('ZHILI_E_SCREENING_NO_LISTS');
  }

  private usedVersions(lists?: readonly string[]): string[] {
    return lists ? this.versionIds.filter((v) => lists.includes(v.slice(0, v.indexOf('@')))) : this.versionIds;
  }

  private rebuild(): void {
    const all = [...this.lists.values()];
    this.index = buildIndex(all.flatMap((l) => l.entries));
    this.versionIds = all.map((l) => l.version.version);
    this.entryHashes = new Map();
  }
}
