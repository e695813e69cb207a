/**
 * The ceiling: a bare Fastify 5 endpoint that parses the same JSON event body and answers a small JSON
 * document. Run as a child of run.ts (`node --import tsx bench/fastify-baseline.ts`).
 */
import Fastify from 'fastify';
import { cpuMs, serveParent } from './ipc.ts';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.post('/v1/events', async (req) => {
  const body = req.body as { id?: unknown };
  return { eventId: body.id, outcome: 'allow', score: 0 };
});

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

serveParent({ port }, { cpu: () => cpuMs() }, async () => {
  await app.close();
});
