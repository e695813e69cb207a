/**
 * Writes the generated XSDs to docs/reports/xsd/ (`node --import tsx src/cases/reports/xsd/write.ts`); a
 * test checks the committed files agree with the layouts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportSchemas, schemaText } from './schemas.ts';

const dir = process.argv[2] ?? 'docs/reports/xsd';
for (const name of Object.keys(reportSchemas)) writeFileSync(join(dir, `${name}.xsd`), schemaText(name));
