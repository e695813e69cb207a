import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ComplaintSealer } from '../../src/protection/personal.ts';

describe('sealed complaint personal data', () => {
  const sealer = new ComplaintSealer({ key: randomBytes(32) });

  it('opens what it sealed', () => {
    const p = { complainant: { name: '周小燕', phone: '13700001111' }, description: '扣款两次' };
    expect(sealer.open('t', 'cmp_1', sealer.seal('t', 'cmp_1', p))).toEqual(p);
  });

  it('refuses a sealed document of the wrong shape as an internal error, without naming its values', () => {
    const sealed = sealer.seal('t', 'cmp_2', { complainant: '周小燕', description: 7 } as never);
    let error: unknown;
    try {
      sealer.open('t', 'cmp_2', sealed);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ZHILI_E_INTERNAL' });
    expect(String((error as Error).cause)).toMatch(/complaint_personal\.sealed of cmp_2/);
    expect(String((error as Error).cause)).not.toContain('周小燕');
  });
});
