import { connect } from 'nats';

export const natsUrl = process.env.ZHILI_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Whether NATS (with JetStream) answers; CI (ZHILI_REQUIRE_SERVICES=1) fails instead of skipping. */
export async function natsAvailable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: natsUrl, timeout: 2000 });
    await nc.jetstreamManager();
    await nc.close();
    return true;
  } catch (e) {
    if (process.env.ZHILI_REQUIRE_SERVICES === '1')
      throw new Error(`NATS is required (ZHILI_REQUIRE_SERVICES=1) but ${natsUrl} is unreachable`, { cause: e });
    console.warn(`SKIPPED: NATS tests — ${natsUrl} is unreachable (${String(e)})`);
    return false;
  }
}
