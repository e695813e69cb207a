/** Reading and writing the files `zhili credit` works with: CSV data, configuration, scorecards. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sha256Hex, ZhiliError } from '../kernel/index.ts';
import { checkScorecard, type Scorecard } from './core/scorecard.ts';
import { settingsFrom, type TrainSettings } from './core/settings.ts';
import type { Table } from './core/train.ts';

function readText(path: string, what: string, whatZh: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      message: `Cannot read the ${what} ${path}: ${(e as Error).message}`,
      messageZh: `无法读取${whatZh} ${path}：${(e as Error).message}`,
      cause: e,
    });
  }
}

/** A CSV text with a header row as a table; `source` names it in errors. */
export function tableFromCsv(text: string, source: string): Table {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true });
  } catch (e) {
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      message: `${source} is not valid CSV: ${(e as Error).message}`,
      messageZh: `${source} 不是有效的 CSV：${(e as Error).message}`,
      cause: e,
    });
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0)
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      message: `${source} needs a header row and at least one data row.`,
      messageZh: `${source} 需要表头行和至少一行数据。`,
    });
  return { header: header.map((h) => h.trim()), rows: body };
}

/** A CSV file with a header row, and the sha256 of its bytes (recorded in the scorecard). */
export function readCsvTable(path: string): { table: Table; dataHash: string } {
  const bytes = readText(path, 'data file', '数据文件');
  return { table: tableFromCsv(bytes.toString('utf8'), path), dataHash: sha256Hex(bytes) };
}

function readJson(path: string, what: string, whatZh: string): unknown {
  const text = readText(path, what, whatZh).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ZhiliError('ZHILI_E_BAD_JSON', {
      message: `The ${what} ${path} is not valid JSON: ${(e as Error).message}`,
      messageZh: `${whatZh} ${path} 不是有效的 JSON：${(e as Error).message}`,
      cause: e,
    });
  }
}

/** Training settings from a JSON file (defaults for what it leaves out), or the defaults. */
export function readTrainSettings(path: string | undefined): TrainSettings {
  return settingsFrom(path === undefined ? {} : readJson(path, 'configuration', '配置文件'));
}

export function readScorecard(path: string): Scorecard {
  return checkScorecard(readJson(path, 'scorecard', '评分卡'));
}

/** Writes a scorecard after checking it against the schema, so a file on disk is always readable. */
export function writeScorecard(path: string, card: Scorecard): void {
  writeFileSync(path, `${JSON.stringify(checkScorecard(card), null, 2)}\n`);
}
