import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../../access/index.ts';
import { requireCasePermission, viewerOf } from '../permissions.ts';
import { FincenProfileSchema, GoamlProfileSchema, PbocProfileSchema } from './profile-schemas.ts';

const orNull = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ReportingProfilesSchema = Type.Object({
  pboc: orNull(PbocProfileSchema),
  goaml: orNull(GoamlProfileSchema),
  fincen: orNull(FincenProfileSchema),
});

/** The tenant's reporting identities as the server loaded them (no secrets: codes, names, addresses). */
export type ReportingProfilesView = Static<typeof ReportingProfilesSchema>;

/** Read-only: what the server files under, for the console's administration page and for auditors. */
export const reportingProfileRoutes: FastifyPluginAsyncTypebox<{
  access: AccessService;
  profiles: (tenantId: string) => ReportingProfilesView;
}> = async (app, { access, profiles }) => {
  app.get(
    '/v1/reporting-profiles',
    {
      preHandler: requireCasePermission(access, 'cases:read'),
      schema: {
        tags: ['reports'],
        summary: 'The reporting profiles (PBOC, goAML, FinCEN) this server files under; null where none is configured',
        response: { 200: ReportingProfilesSchema },
      },
    },
    async (req) => profiles(viewerOf(req).tenantId),
  );
};
