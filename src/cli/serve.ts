import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ZhiliError } from '../kernel/index.ts';
import { createZhili, lockDataDir, provisionUser, type DataDirLock } from '../runtime/index.ts';
import { configFrom } from './global.ts';

/** Why the server could not listen, in en and zh-CN. */
export function listenFailure(e: unknown, host: string, port: number): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return (
      `error: port ${port} on ${host} is already in use by another process; stop it or choose another port (--port or ZHILI_PORT).\n` +
      `错误：${host} 的端口 ${port} 已被其他进程占用；请停止该进程或改用其他端口（--port 或 ZHILI_PORT）。`
    );
  }
  if (code === 'EACCES') {
    return (
      `error: no permission to listen on ${host}:${port}; use a port above 1024 or run with the needed privilege.\n` +
      `错误：无权监听 ${host}:${port}；请使用 1024 以上的端口或以相应权限运行。`
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `error: cannot listen on ${host}:${port}: ${msg}\n错误：无法监听 ${host}:${port}：${msg}`;
}

/** A second server on one embedded data directory refuses to start, saying why in en and zh-CN. */
function lockDataDirOrExit(dataDir: string): DataDirLock {
  try {
    return lockDataDir(dataDir);
  } catch (e) {
    if (!(e instanceof ZhiliError)) throw e;
    console.error(`error: ${e.message}\n错误：${e.messageZh}`);
    process.exit(1);
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the API server · 启动服务')
    .option('--port <port>', 'port (env ZHILI_PORT)', (v) => Number(v))
    .option('--host <host>', 'address to listen on (env ZHILI_HOST)')
    .action(async (opts: { port?: number; host?: string }, cmd: Command) => {
      const config = configFrom(cmd, {
        ...(opts.port === undefined ? {} : { port: opts.port }),
        ...(opts.host ? { host: opts.host } : {}),
      });
      // Background work during start-up (ledger, projectors) runs on unref'd timers; hold the process
      // open until the server listens, so start-up can never end in a silent exit.
      const startup = setInterval(() => undefined, 60_000);
      const lock = config.databaseUrl?.startsWith('postgres') ? undefined : lockDataDirOrExit(config.dataDir);
      const zhili = await createZhili(config);
      const fresh = (await zhili.store.listTenants()).length === 0;
      let demo: { tenantId: string; apiKey: string; username: string; password: string } | undefined;
      if (fresh) {
        const { tenant, apiKey } = await zhili.createTenant('Demo Platform 演示平台');
        const password = randomBytes(12).toString('base64url');
        await provisionUser(
          zhili.store,
          { tenantId: tenant.id, username: 'admin', password, roles: ['admin', 'analyst'] },
          { audit: (e) => zhili.ledger.appendAudit(e), actorId: 'system:first-start' },
        );
        demo = { tenantId: tenant.id, apiKey, username: 'admin', password };
        if (!config.databaseUrl) {
          writeFileSync(join(config.dataDir, 'demo-credentials.json'), `${JSON.stringify(demo, null, 2)}\n`, {
            mode: 0o600,
          });
        }
      }
      let address: string;
      try {
        address = await zhili.server.listen({ port: config.port, host: config.host });
      } catch (e) {
        // Without this the background thread keeps the process alive: running, serving nothing.
        console.error(listenFailure(e, config.host, config.port));
        setTimeout(() => process.exit(1), 5_000).unref();
        await zhili.close().catch(() => undefined);
        process.exit(1);
      }
      clearInterval(startup);
      const url = address.replace('[::1]', 'localhost');
      console.log(
        `Zhili listening on ${url} (store: ${zhili.store.kind}${config.databaseUrl ? '' : `, ${config.dataDir}`})`,
      );
      console.log(`  API docs 接口文档: ${url}/docs   OpenAPI: ${url}/openapi.json   metrics: ${url}/metrics`);
      const lists = zhili.screening.versions();
      if (lists.length === 0)
        console.error(
          '\nWARNING: no sanctions list is loaded — /readyz is not ready, /v1/screen refuses and decisions that need screening go to review. Run `zhili lists fetch`.\n' +
            '警告：未加载任何制裁名单 —— /readyz 未就绪，/v1/screen 拒绝请求，需要筛查的决策一律转人工审核。请运行 `zhili lists fetch`。\n',
        );
      else console.log(`  lists 名单: ${lists.map((v) => `${v.version} (${v.counts.entries})`).join(', ')}`);
      if (demo) {
        console.log('\nFirst start: a demo tenant and an admin were created · 首次启动，已创建演示租户和管理员:');
        console.log(`  tenant 租户:  ${demo.tenantId}`);
        console.log(`  API key:      ${demo.apiKey}`);
        console.log(`  operator:     ${demo.username} / ${demo.password}  (POST ${url}/v1/auth/login)`);
        if (!config.databaseUrl) console.log(`  saved to ${join(config.dataDir, 'demo-credentials.json')}`);
        console.log('\nTry 试一试:');
        console.log(
          `  curl -s ${url}/v1/events -H 'authorization: Bearer ${demo.apiKey}' -H 'content-type: application/json' \\\n` +
            `    -d '{"id":"evt-1001","type":"cash_withdrawal","occurredAt":"2026-11-26T10:00:00+08:00","amount":{"value":"50000.00","currency":"CNY"},"debtor":{"partyId":"p-1","partyType":"person","accountId":"a-1","country":"CN"},"channel":"counter"}'`,
        );
      }
      const stop = () => {
        zhili.close().then(
          () => {
            lock?.release();
            process.exit(0);
          },
          (e: unknown) => {
            console.error(e);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
