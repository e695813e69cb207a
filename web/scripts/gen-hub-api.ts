// Generates web/src/api/hub-schema.d.ts from the supervision hub's own OpenAPI document (./api-schemas.ts),
// as gen-api.ts does for the platform; gen-api.ts runs it after the platform's schema, so
// `npm run gen:api -w web` keeps both in step.
import { writeFileSync } from 'node:fs';
import { hubSchemaText, schemaFiles } from './api-schemas.ts';

export async function writeHubSchema(): Promise<string> {
  writeFileSync(schemaFiles.hub, await hubSchemaText());
  return schemaFiles.hub;
}

if (import.meta.filename === process.argv[1]) console.log(`wrote ${await writeHubSchema()}`);
