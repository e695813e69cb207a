/** Reading list files from disk, and parsing a list's source files once they are in memory. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** The source files of each kind of list, in the order their content hash is taken. */
export const listFileNames: Record<'ofac-sdn' | 'un-sc', readonly string[]> = {
  'ofac-sdn': ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'],
  'un-sc': ['consolidated.xml'],
};

/**
 * `source=path[#listId]` items separated by ";" (source: ofac-sdn, un-sc, generic), e.g.
 * `ofac-sdn=/data/sdn;un-sc=/data/un.xml;generic=/data/pep.csv#pep`. Pure: the caller says where the
 * text came from (`what`) so that an error names it.
 */
export function parseListSpecs(raw: string, what = 'ZHILI_SCREENING_LISTS'): ListSpec[] {
  return raw
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^(ofac-sdn|un-sc|generic)=([^#]+)(?:#(.+))?$/u.exec(item);
      if (!m)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '',
          message: `${what}: cannot read "${item}" (want source=path[#listId], source one of ofac-sdn, un-sc, generic)`,
          messageZh: `${what}：无法解析 "${item}"（格式应为 来源=路径[#名单标识]，来源为 ofac-sdn、un-sc 或 generic）`,
        });
      const spec: ListSpec = { source: m[1] as ListSource, path: resolve(m[2] ?? '') };
      if (m[3]) spec.listId = m[3];
      return spec;
    });
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

/** Parses a list from its source files' text (`files` keyed by file name; generic lists: one file). */
export function parseListFiles(
  source: ListSource,
  listId: string,
  files: Readonly<Record<string, string>>,
  now: number,
  generic: { json: boolean } = { json: false },
): LoadedList {
  const t0 = performance.now();
  if (source === 'ofac-sdn') {
    const [sdn = '', alt = '', add = '', comments = ''] = listFileNames['ofac-sdn'].map((n) => files[n] ?? '');
    const entries = parseOfac({ sdn, alt, add, comments }, listId);
    return {
      entries,
      version: makeVersion(listId, source, [sdn, alt, add, comments], entries, now, performance.now() - t0),
    };
  }
  const text = Object.values(files)[0] ?? '';
  const entries =
    source === 'un-sc'
      ? parseUn(text, listId)
      : generic.json
        ? parseGenericJson(text, listId)
        : parseGenericCsv(text, listId);
  return { entries, version: makeVersion(listId, source, [text], entries, now, performance.now() - t0) };
}

export function loadListFile(spec: ListSpec, now: number): LoadedList {
  if (spec.source === 'ofac-sdn') {
    const files = {
      'sdn.csv': read(join(spec.path, 'sdn.csv')),
      'alt.csv': optional(join(spec.path, 'alt.csv')),
      'add.csv': optional(join(spec.path, 'add.csv')),
      'sdn_comments.csv': optional(join(spec.path, 'sdn_comments.csv')),
    };
    return parseListFiles('ofac-sdn', spec.listId ?? 'ofac-sdn', files, now);
  }
  const text = read(spec.path);
  if (spec.source === 'un-sc')
    return parseListFiles('un-sc', spec.listId ?? 'un-sc', { 'consolidated.xml': text }, now);
  const listId = spec.listId ?? spec.path.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '');
  return parseListFiles('generic', listId, { [spec.path]: text }, now, { json: /\.json$/iu.test(spec.path) });
}
