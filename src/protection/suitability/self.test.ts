// A consumer acting for themselves (the portal) reaches only their own customer id, only the use-cases
// meant for them, and only the questionnaire in force.
import { describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../store/adapters.ts';
import { createSuitability } from './module.ts';
import { defaultQuestionnaire as q } from './data/questionnaire-cn.ts';
import { selfActor } from './permissions.ts';
import { sqlSuitabilityStore } from './storage/sql-store.ts';

const answers = Object.fromEntries(q.questions.map((x) => [x.id, [x.options[x.options.length >> 1]!.id]]));

describe('the self-assessment actor', () => {
  it('reads and writes its own customer only, and nothing an operator keeps', async () => {
    const d = sqliteDriver(':memory:');
    const store = sqlSuitabilityStore(d);
    await store.migrate();
    let n = 0;
    const m = createSuitability({
      store,
      clock: { now: () => 1_800_000_000_000 },
      ids: { next: (p) => `${p}_${++n}`, secret: () => 's' },
    });
    const me = selfActor('t', 'c-1');
    const forbidden = { code: 'ZHILI_E_FORBIDDEN' };

    const own = await m.self.assess('t', 'c-1', answers);
    expect(own).toMatchObject({ customerId: 'c-1', actorId: 'customer:c-1' });
    expect((await m.self.profile('t', 'c-1')).current?.id).toBe(own.id);
    expect((await m.self.questionnaire('t', 'c-1')).id).toBe(q.id);

    await expect(m.profiles.assess(me, { customerId: 'c-2', answers })).rejects.toMatchObject(forbidden);
    await expect(m.profiles.profile(me, 'c-2')).rejects.toMatchObject(forbidden);
    await expect(m.advice.recommendations(me, 'c-2', 5)).rejects.toMatchObject(forbidden);
    await expect(m.advice.education(me, 'c-2')).rejects.toMatchObject(forbidden);
    await expect(m.advice.progress(me, 'c-2', 'rights', 'complete')).rejects.toMatchObject(forbidden);
    // An older questionnaire version of their choosing, even for themselves: no.
    await expect(
      m.profiles.assess(me, { customerId: 'c-1', answers, questionnaire: { id: q.id, version: q.version } }),
    ).rejects.toMatchObject(forbidden);
    // What operators and the platform keep: the catalogue, settings, professional status, other lists.
    await expect(m.advice.products(me)).rejects.toMatchObject(forbidden);
    await expect(m.profiles.putSettings(me, { coolingOffHours: 1 })).rejects.toMatchObject(forbidden);
    await expect(m.profiles.professional(me, 'c-1', { action: 'propose', basis: 'me' })).rejects.toMatchObject(
      forbidden,
    );
    await expect(m.advice.check(me, 'c-1', 'p')).rejects.toMatchObject(forbidden);
    await expect(m.profiles.questionnaires(me)).rejects.toMatchObject(forbidden);
    m.stop();
    await d.close();
  });
});
