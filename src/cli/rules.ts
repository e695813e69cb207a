import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { chinaCalendar } from '../kernel/index.ts';
import { compileRuleSet } from '../monitoring/index.ts';
import { JsonLocateError, lineColumn, locateValues, offsetInString } from './json-locate.ts';

export interface CheckMessage {
  file: string;
  line: number;
  column: number;
  pointer: string;
  message: string;
}

/** Checks a rule set file and reports every problem at its line and column in the file. */
export function checkRuleSetFile(
  file: string,
  text: string,
): { ok: boolean; messages: CheckMessage[]; version?: string } {
  let positions: Map<string, number>;
  let doc: unknown;
  try {
    positions = locateValues(text);
    doc = JSON.parse(text);
  } catch (e) {
    const offset = e instanceof JsonLocateError ? e.offset : 0;
    return {
      ok: false,
      messages: [{ file, ...lineColumn(text, offset), pointer: '', message: `JSON syntax: ${(e as Error).message}` }],
    };
  }
  const r = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
  if (r.ok) return { ok: true, messages: [], version: r.ruleSet.version };
  const messages = r.errors.map((e) => {
    // Schema errors point at fields that may be missing: fall back to the nearest enclosing value.
    let ptr = e.pointer;
    while (!positions.has(ptr) && ptr.includes('/')) ptr = ptr.slice(0, ptr.lastIndexOf('/'));
    let offset = positions.get(ptr) ?? 0;
    if (e.exprLine !== undefined && e.exprColumn !== undefined && ptr === e.pointer) {
      offset = offsetInString(text, offset, e.exprLine, e.exprColumn);
    }
    return { file, ...lineColumn(text, offset), pointer: e.pointer, message: e.message };
  });
  return { ok: false, messages };
}

export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('rule sets · 规则集');
  rules
    .command('check <file>')
    .description('check a rule set file for syntax and type errors · 检查规则集的语法和类型错误')
    .option('--json', 'print the result as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const result = checkRuleSetFile(file, readFileSync(file, 'utf8'));
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else if (result.ok) console.log(`${file}: OK (version ${result.version ?? '?'}) · 检查通过`);
      else
        for (const m of result.messages) console.error(`${m.file}:${m.line}:${m.column}: ${m.message} [${m.pointer}]`);
      if (!result.ok) process.exitCode = 1;
    });
}
