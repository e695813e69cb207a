// Party shapes from the generated client types (schema.d.ts).
import type { paths } from '../../api/schema.d.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type PartyRow = Json<paths['/v1/parties:list']['get']['responses'][200]>['parties'][number];
export type PartyView = Json<paths['/v1/parties/{id}']['get']['responses'][200]>;
export type PartyVersionView = PartyView['current'];
export type RatingView = NonNullable<PartyView['rating']>;
export type HitView = PartyView['screening']['hits'][number];
