/**
 * One cluster node as its own process, for the kill -9 test: configuration from the environment (as
 * `zhili serve` reads it), prints `listening on <url>`; with ZHILI_TEST_CREATE_TENANT=1 it first
 * creates a tenant and prints `tenant <json>`.
 */
import { createZhili, loadConfig } from '../../src/runtime/index.ts';

const zhili = await createZhili(loadConfig({ port: 0, host: '127.0.0.1', logger: false, maxEventLoopDelayMs: 0 }));
if (process.env.ZHILI_TEST_CREATE_TENANT === '1') {
  const { tenant, apiKey } = await zhili.createTenant('Failover Pay 故障转移支付');
  console.log(`tenant ${JSON.stringify({ tenantId: tenant.id, apiKey })}`);
}
const url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening on ${url}`);
const stop = () => {
  zhili.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
