import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `npm run build -w web` writes the console. */
export const consoleDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

const notBuilt = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Zhili</title></head><body>
<h1>控制台尚未构建 · Console not built</h1>
<p>运行 <code>npm run build -w web</code> 后重启服务。Run <code>npm run build -w web</code>, then restart the server.</p>
</body></html>`;

/**
 * The web console at /console: the built single-page app with the API on the same origin. Client routes
 * (/console/cases/…) get index.html; hashed assets are cached for good, index.html never.
 */
export const consoleRoutes: FastifyPluginAsync<{ root?: string }> = async (app, opts) => {
  const root = opts.root ?? consoleDist;
  app.get('/console', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/', 302));
  if (!existsSync(`${root}/index.html`)) {
    app.get('/console/*', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(503).type('text/html; charset=utf-8').send(notBuilt),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    wildcard: false,
    schemaHide: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Files built after the server started (send guards the root), then client-side routes: anything that
  // is not a file gets the app; a missing asset stays a 404.
  app.get<{ Params: { '*': string } }>('/console/*', { schema: { hide: true } }, async (req, reply) => {
    const rel = req.params['*'];
    if (/\.[a-z0-9]+$/i.test(rel)) return reply.sendFile(rel);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
};
