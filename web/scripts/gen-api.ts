// Generates web/src/api/schema.d.ts from the server's own OpenAPI document (./api-schemas.ts), then the
// hub's (gen-hub-api.ts). Run: npm run gen:api -w web. test/docs/api-clients.test.ts fails when the
// committed files differ from what this makes.
import { writeFileSync } from 'node:fs';
import { platformSchemaText, schemaFiles } from './api-schemas.ts';
import { writeHubSchema } from './gen-hub-api.ts';

writeFileSync(schemaFiles.platform, await platformSchemaText());
console.log(`wrote ${schemaFiles.platform}`);
// The supervision hub's pages have their own client, typed from the hub's OpenAPI.
console.log(`wrote ${await writeHubSchema()}`);
