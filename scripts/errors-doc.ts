// Regenerates docs/errors.md from the catalogue: `npm run docs:errors`.
import { writeFileSync } from 'node:fs';
import { catalogue } from '../src/kernel/index.ts';

let s =
  '# Error catalogue · 错误码\n\n' +
  'Every error the API returns has this body: `{"error":{"code","message","messageZh","pointer"?,"details"?}}`.\n' +
  '`pointer` is the JSON pointer (RFC 6901) of the offending field; `details` lists every problem found, each with its own pointer.\n' +
  'Codes are stable: clients may branch on them. This table is checked against the code by `test/docs/errors-doc.test.ts`.\n\n' +
  '| code | HTTP | message | 说明 |\n|---|---|---|---|\n';
for (const [k, v] of Object.entries(catalogue)) s += `| \`${k}\` | ${v.status} | ${v.en} | ${v.zh} |\n`;
s +=
  '\n`ZHILI_E_RULE_RUNTIME` never fails a request: it appears as a reason of a decision that was sent to review because a rule or feature could not be evaluated (fail closed).\n';
writeFileSync(new URL('../docs/errors.md', import.meta.url), s);
