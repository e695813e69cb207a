import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessService } from '../../access/index.ts';
import { requireCasePermission, viewerOf } from '../permissions.ts';
import { MAX_ATTACHMENT_BASE64, type AttachmentService } from './service.ts';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const AttId = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  attId: Type.String({ minLength: 1, maxLength: 128 }),
});
const Upload = Type.Object(
  {
    // No path separators or control characters: the name goes into a Content-Disposition header.
    name: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000-\\u001f\\u007f"]+$' }),
    contentType: Type.String({
      minLength: 3,
      maxLength: 127,
      pattern: '^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$',
    }),
    dataBase64: Type.String({ maxLength: MAX_ATTACHMENT_BASE64 }),
  },
  { additionalProperties: false },
);

/** Case attachments over HTTP: upload (JSON, base64, at most 5 MB decoded), list, download. */
export const attachmentRoutes: FastifyPluginAsyncTypebox<{
  access: AccessService;
  attachments: AttachmentService;
}> = async (app, o) => {
  const read = requireCasePermission(o.access, 'cases:read');
  const work = requireCasePermission(o.access, 'cases:work');
  const tags = ['cases'];

  app.post(
    '/v1/cases/:id/attachments',
    {
      preHandler: work,
      bodyLimit: MAX_ATTACHMENT_BASE64 + 64 * 1024,
      schema: {
        tags,
        summary: 'Attach a file (base64, at most 5 MB decoded); kept with its SHA-256',
        params: Id,
        body: Upload,
      },
    },
    async (req, reply) =>
      reply.status(201).send({ attachment: await o.attachments.add(viewerOf(req), req.params.id, req.body) }),
  );

  app.get(
    '/v1/cases/:id/attachments',
    {
      preHandler: read,
      schema: { tags, summary: "The case's attachments: name, size, SHA-256, who, when", params: Id },
    },
    async (req) => ({
      attachments: await o.attachments.list(viewerOf(req), req.params.id),
    }),
  );

  app.get(
    '/v1/cases/:id/attachments/:attId',
    { preHandler: read, schema: { tags, summary: 'Download an attachment', params: AttId } },
    async (req, reply) => {
      const a = await o.attachments.get(viewerOf(req), req.params.id, req.params.attId);
      return reply
        .header('content-type', a.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('x-content-sha256', a.sha256)
        .send(Buffer.from(a.bytes));
    },
  );
};
