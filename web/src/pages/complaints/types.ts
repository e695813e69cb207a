// Response types of the complaints API, from the generated OpenAPI types (never hand-written copies).
import type { paths } from '../../api/schema.d.ts';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type ComplaintView = Ok<paths['/v1/complaints/{id}']['get']>;
export type ComplaintClock = ComplaintView['clock'];
export type ComplaintHistory = Ok<paths['/v1/complaints/{id}/history']['get']>['history'][number];
export type ComplaintActionBody = NonNullable<
  paths['/v1/complaints/{id}/actions']['post']['requestBody']
>['content']['application/json'];
export type FileComplaintBody = NonNullable<
  paths['/v1/complaints']['post']['requestBody']
>['content']['application/json'];
export type ComplaintSettings = Ok<paths['/v1/complaints/settings']['get']>;
export type Classification = Ok<paths['/v1/complaints/classification']['get']>;
export type ComplaintStatistics = Ok<paths['/v1/complaints/statistics']['get']>;
export type ComplaintState = ComplaintView['state'];
export type ReserveMovement = Ok<paths['/v1/risk-reserve']['get']>['movements'][number];

export const complaintStates: readonly ComplaintState[] = [
  'received',
  'acknowledged',
  'investigating',
  'decision_proposed',
  'decision_approved',
  'communicated',
  'closed',
  'escalated',
];
export const channels = ['api', 'console', 'portal', 'phone', 'branch'] as const;
export const outcomes = ['upheld', 'partially_upheld', 'rejected'] as const;
