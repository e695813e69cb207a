// Response types of the suitability API, from the generated OpenAPI types.
import type { paths } from '../../api/schema.d.ts';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type Profile = Ok<paths['/v1/suitability/customers/{id}']['get']>;
export type Professional = NonNullable<Profile['professional']>;
export type ProfessionalRequest = Ok<paths['/v1/suitability/professional-requests']['get']>['requests'][number];
export type Product = Ok<paths['/v1/products']['get']>['products'][number];
export type Acknowledgement = Ok<
  paths['/v1/suitability/customers/{id}/acknowledgements']['get']
>['acknowledgements'][number];
export type Recommendations = Ok<paths['/v1/customers/{id}/recommendations']['get']>;
