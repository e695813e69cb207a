// Response types of the data-subject request and incident APIs, from the generated OpenAPI types.
import type { paths } from '../../api/schema.d.ts';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer R } } } ? R : never;

export type RequestView = Ok<paths['/v1/data-subject-requests/{id}']['get']>;
export type RequestStep = Ok<paths['/v1/data-subject-requests/{id}/history']['get']>['history'][number];
export type FileRequestBody = Body<paths['/v1/data-subject-requests']['post']>;
export type VerifyBody = Body<paths['/v1/data-subject-requests/{id}/verify']['post']>;
export type IncidentView = Ok<paths['/v1/incidents/{id}']['get']>;
export type Notice = IncidentView['notices'][number];
export type IncidentActionBody = Body<paths['/v1/incidents/{id}/actions']['post']>;
export type ReportBody = Body<paths['/v1/incidents/{id}/report']['put']>;
export type OpenIncidentBody = Body<paths['/v1/incidents']['post']>;

export const requestKinds = ['access', 'copy', 'correction', 'deletion', 'withdrawal'] as const;
export const verificationMethods = [
  'id_document',
  'account_login',
  'face_match',
  'in_branch',
  'phone_callback',
  'other',
] as const;
export const incidentTypes = [
  'system_outage',
  'cyber_attack',
  'data_breach',
  'payment_failure',
  'third_party',
  'fraud',
  'natural_disaster',
  'other',
] as const;
