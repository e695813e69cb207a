// Screening shapes from the generated client types (schema.d.ts).
import type { paths } from '../../api/schema.d.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ScreenReply = Json<paths['/v1/screen']['post']['responses'][200]>;
export type ScreenHit = ScreenReply['results'][number]['hits'][number];
export type ListVersion = Json<paths['/v1/screening/lists']['get']['responses'][200]>[number];
export type PartyRow = Json<paths['/v1/parties:list']['get']['responses'][200]>['parties'][number];
export type PartyHit = PartyRow['openHits'][number];
