/**
 * What a list reload computes: every list parsed (stored versions, then configured files — a file wins
 * over a stored version of the same list id, in the stored one's place) and one index over all of
 * them. Run on the main thread by `ScreeningService.replace` and in a worker thread by a reload
 * (list-build-thread.ts), with the same result.
 */
import { buildIndex, type ScreeningIndex } from './core/index-build.ts';
import { loadListFile, parseListFiles, type ListSpec } from './lists/files.ts';
import type { StoredListVersion } from './lists/store.ts';
import type { LoadedList } from './lists/version.ts';

/** What a build needs: the stored versions' source files and the configured list files. */
export interface ListBuildInput {
  stored: readonly Pick<StoredListVersion, 'source' | 'listId' | 'files'>[];
  specs: readonly ListSpec[];
  now: number;
}

export interface BuiltLists {
  lists: LoadedList[];
  index: ScreeningIndex;
}

export function parseLists(input: ListBuildInput): LoadedList[] {
  const next = new Map<string, LoadedList>();
  for (const s of input.stored) next.set(s.listId, parseListFiles(s.source, s.listId, s.files, input.now));
  for (const spec of input.specs) {
    const l = loadListFile(spec, input.now);
    next.set(l.version.listId, l);
  }
  return [...next.values()];
}

export function buildLists(input: ListBuildInput): BuiltLists {
  const lists = parseLists(input);
  return { lists, index: buildIndex(lists.flatMap((l) => l.entries)) };
}
