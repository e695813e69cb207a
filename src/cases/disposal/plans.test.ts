import { describe, expect, it } from 'vitest';
import { disposalCatalogue } from './catalogue.ts';
import { catalogueProblems, checkDisposal, plansFor, type DisposalPlan } from './plans.ts';

const plan: DisposalPlan = {
  id: 'p',
  version: 2,
  appliesTo: ['aml-structuring'],
  title: { en: 'P', zh: '方案' },
  checklist: [
    { id: 'a', text: { en: 'A', zh: '甲' } },
    { id: 'b', text: { en: 'B', zh: '乙' } },
  ],
  actions: [
    { id: 'freeze', default: true, text: { en: 'Freeze', zh: '冻结' } },
    { id: 'edd', default: false, text: { en: 'EDD', zh: '强化尽调' } },
  ],
};

describe('checkDisposal', () => {
  it('accepts ids of the plan and lists the outstanding checklist items', () => {
    expect(checkDisposal(plan, { planId: 'p', completed: ['b'], actions: ['freeze'], note: '已冻结' })).toEqual({
      ok: true,
      value: { planId: 'p', planVersion: 2, completed: ['b'], actions: ['freeze'], outstanding: ['a'], note: '已冻结' },
    });
    expect(checkDisposal(plan, { planId: 'p', completed: [], actions: [] })).toMatchObject({
      ok: true,
      value: { outstanding: ['a', 'b'] },
    });
  });

  it('points at every unknown or repeated id, in both languages', () => {
    const r = checkDisposal(plan, { planId: 'p', completed: ['a', 'zzz', 'a'], actions: ['edd', 'freeze', 'exit'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.pointer)).toEqual(['/completed/1', '/completed/2', '/actions/2']);
    expect(r.problems[0]).toMatchObject({
      message: 'zzz is not a checklist item of plan p',
      messageZh: expect.stringContaining('检查项'),
    });
    expect(r.problems[2]?.message).toBe('exit is not an action of plan p');
  });

  it('refuses an item id used as an action and a different plan id', () => {
    const r = checkDisposal(plan, { planId: 'q', completed: ['freeze'], actions: ['a'] });
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/planId', '/completed/0', '/actions/0']);
  });
});

describe('plansFor and the shipped catalogue', () => {
  const cat = disposalCatalogue();
  it('is well formed and bilingual', () => {
    expect(catalogueProblems(cat)).toEqual([]);
    expect(cat.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
  });
  it('matches plans by alert type, the catch-all last', () => {
    expect(plansFor(cat, ['aml-structuring', 'large_value_report']).map((p) => p.id)).toEqual([
      'structuring',
      'large-value',
      'general-review',
    ]);
    expect(plansFor(cat, ['unknown-rule']).map((p) => p.id)).toEqual(['general-review']);
    expect(plansFor(cat, ['sanctions'])[0]?.actions.find((a) => a.default)?.id).toBe('freeze');
  });
  it('finds structural problems', () => {
    const bad = {
      version: 'x',
      plans: [
        plan,
        {
          ...plan,
          version: 0,
          appliesTo: [],
          checklist: [plan.checklist[0]!, plan.checklist[0]!],
          title: { en: 'x', zh: '' },
        },
      ],
    };
    expect(catalogueProblems(bad)).toEqual([
      'plan p is defined twice',
      'plan p: version must be a positive integer',
      'plan p: appliesTo is empty',
      'plan p title: en and zh texts are required',
      'plan p: checklist id a is defined twice',
    ]);
  });
});
