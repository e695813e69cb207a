import { Type, type Static } from '@sinclair/typebox';
import { DisclosureDocumentSchema } from './core/document.ts';
import { disclosureActions, disclosureStates } from './core/workflow.ts';

const Leaf = Type.Union([Type.String(), Type.Number(), Type.Null()]);

export const FieldChangeSchema = Type.Object({
  path: Type.String(),
  before: Type.Optional(Leaf),
  after: Type.Optional(Leaf),
});

export const DisclosureViewSchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  period: Type.String(),
  version: Type.Integer(),
  state: Type.Union(disclosureStates.map((s) => Type.Literal(s))),
  hash: Type.String({ description: 'SHA-256 hex of the document’s canonical JSON (the ledger entry’s dataHash)' }),
  doc: DisclosureDocumentSchema,
  corrects: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  diff: Type.Optional(Type.Array(FieldChangeSchema)),
  computedBy: Type.String(),
  computedAt: Type.Integer(),
  submittedBy: Type.Optional(Type.String()),
  submittedAt: Type.Optional(Type.Integer()),
  approvedBy: Type.Optional(Type.String()),
  approvedAt: Type.Optional(Type.Integer()),
  publishedBy: Type.Optional(Type.String()),
  publishedAt: Type.Optional(Type.Integer()),
  rev: Type.Integer(),
});

export const ComputeBodySchema = Type.Object(
  {
    period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'The month, YYYY-MM; it must have ended' }),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Required when the month is already published' }),
    ),
  },
  { additionalProperties: false },
);
export type ComputeBody = Static<typeof ComputeBodySchema>;

export const ActionBodySchema = Type.Object(
  { action: Type.Union(disclosureActions.map((a) => Type.Literal(a))) },
  { additionalProperties: false },
);

export const ListQuerySchema = Type.Object({
  period: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
});

export const VerificationSchema = Type.Object({
  ok: Type.Boolean(),
  id: Type.String(),
  period: Type.String(),
  version: Type.Integer(),
  storedHash: Type.String(),
  computedHash: Type.String(),
  ledger: Type.Optional(
    Type.Object({
      index: Type.Integer(),
      entry: Type.String(),
      leafHash: Type.String(),
      treeSize: Type.Integer(),
      proof: Type.Array(Type.String()),
      checkpoint: Type.String(),
      inclusion: Type.Boolean(),
      signature: Type.Boolean(),
    }),
  ),
  problems: Type.Array(Type.Object({ en: Type.String(), zh: Type.String() })),
});

export const DefinitionSchema = Type.Object({
  key: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  definitionZh: Type.String(),
  definitionEn: Type.String(),
  source: Type.String(),
  kind: Type.Union([Type.Literal('amount'), Type.Literal('count'), Type.Literal('ratio')]),
});

const isoDate = (description: string) =>
  Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description });

export const RelatedPartyBodySchema = Type.Object(
  {
    relation: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'How the party is related to the platform (shareholder, director, a relative of…)',
    }),
    since: isoDate('First day of the relation (tenant time zone)'),
    until: Type.Optional(isoDate('First day the party is no longer related')),
  },
  { additionalProperties: false },
);
export type RelatedPartyBody = Static<typeof RelatedPartyBodySchema>;

export const RelatedPartyViewSchema = Type.Object({
  partyId: Type.String(),
  relation: Type.String(),
  since: Type.String(),
  until: Type.Optional(Type.String()),
  updatedBy: Type.String(),
  updatedAt: Type.Integer(),
});
export type RelatedPartyView = Static<typeof RelatedPartyViewSchema>;
