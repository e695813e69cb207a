import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchemas, schemaText } from '../../src/cases/reports/xsd/schemas.ts';

describe('XSDs generated from the layout tables (docs/reports/xsd)', () => {
  it('the committed schemas are the ones the validator uses (regenerate with src/cases/reports/xsd/write.ts)', () => {
    for (const name of Object.keys(reportSchemas))
      expect(readFileSync(join('docs/reports/xsd', `${name}.xsd`), 'utf8'), name).toBe(schemaText(name));
  });
});
