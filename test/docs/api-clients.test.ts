// The console's generated API types are kept in step with the servers: web/src/api/schema.d.ts (the
// platform's OpenAPI) and hub-schema.d.ts (the hub's) are regenerated here, by the same code and prettier
// as `npm run gen:api -w web` (web/scripts/api-schemas.ts), into a temporary directory, and compared with
// the committed files. A route or schema changed without regenerating fails here, not in the browser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hubSchemaText, platformSchemaText, schemaFiles } from '../../web/scripts/api-schemas.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'zhili-api-clients-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The first differing line, to say where the committed file is behind. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const at = i < 0 ? Math.min(x.length, y.length) : i;
  return `line ${at + 1}: committed ${JSON.stringify(x[at] ?? '<end>')}, generated ${JSON.stringify(y[at] ?? '<end>')}`;
}

describe('generated API clients', () => {
  for (const [name, file, make] of [
    ['platform', schemaFiles.platform, platformSchemaText],
    ['hub', schemaFiles.hub, hubSchemaText],
  ] as const)
    it(`${relative(root, file)} is what the ${name}'s OpenAPI makes now`, async () => {
      const generated = join(tmp, basename(file));
      writeFileSync(generated, await make());
      const committed = readFileSync(file, 'utf8');
      const now = readFileSync(generated, 'utf8');
      expect(
        committed === now,
        `${relative(root, file)} is out of date with the ${name}'s /openapi.json (${firstDifference(committed, now)}): run \`npm run gen:api -w web\` and commit it`,
      ).toBe(true);
    }, 120_000);
});
