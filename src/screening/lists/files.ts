/** Reading list files from disk: the only I/O of list loading. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ZhiliError } from '../../kernel/index.ts';
import { parseGenericCsv, parseGenericJson } from './generic.ts';
import { parseOfac } from './ofac.ts';
import { parseUn } from './un.ts';
import { makeVersion, type ListSource, type LoadedList } from './version.ts';

export interface ListSpec {
  source: ListSource;
  /** A directory holding sdn.csv, alt.csv, add.csv, sdn_comments.csv for OFAC; a file otherwise. */
  path: string;
  listId?: string;
}

function read(path: string): string {
  if (!existsSync(path))
    throw new ZhiliError('ZHILI_E_NOT_FOUND', {
      message: `List file not found: ${path}`,
      messageZh: `名单文件不存在：${path}`,
    });
  return readFileSync(path, 'utf8');
}

const optional = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

export function loadListFile(spec: ListSpec, now: number): LoadedList {
  const t0 = performance.now();
  if (spec.source === 'ofac-sdn') {
    const listId = spec.listId ?? 'ofac-sdn';
    const files = {
      sdn: read(join(spec.path, 'sdn.csv')),
      alt: optional(join(spec.path, 'alt.csv')),
      add: optional(join(spec.path, 'add.csv')),
      comments: optional(join(spec.path, 'sdn_comments.csv')),
    };
    const entries = parseOfac(files, listId);
    const parts = [files.sdn, files.alt, files.add, files.comments];
    return { entries, version: makeVersion(listId, 'ofac-sdn', parts, entries, now, performance.now() - t0) };
  }
  const text = read(spec.path);
  if (spec.source === 'un-sc') {
    const listId = spec.listId ?? 'un-sc';
    const entries = parseUn(text, listId);
    return { entries, version: makeVersion(listId, 'un-sc', [text], entries, now, performance.now() - t0) };
  }
  const listId = spec.listId ?? spec.path.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '');
  const entries = /\.json$/iu.test(spec.path) ? parseGenericJson(text, listId) : parseGenericCsv(text, listId);
  return { entries, version: makeVersion(listId, 'generic', [text], entries, now, performance.now() - t0) };
}
