// Response types of the disclosure API, from the generated OpenAPI types.
import type { paths } from '../../api/schema.d.ts';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type DisclosureView = Ok<paths['/v1/disclosures/{id}']['get']>;
export type DisclosureDoc = DisclosureView['doc'];
export type FieldChange = NonNullable<DisclosureView['diff']>[number];
export type Verification = Ok<paths['/v1/disclosures/{id}/verify']['get']>;
export type Definition = Ok<paths['/v1/disclosures/definitions']['get']>['definitions'][number];
export type DisclosureAction = NonNullable<
  paths['/v1/disclosures/{id}/actions']['post']['requestBody']
>['content']['application/json']['action'];
