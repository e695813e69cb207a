// The answer one node gets from another (NATS request–reply): whole decisions and known errors pass,
// anything else is the owner being unavailable — never a half-checked decision passed on.
import { describe, expect, it } from 'vitest';
import { ZhiliError } from '../kernel/index.ts';
import type { Decision } from '../monitoring/index.ts';
import { itemFromWire, itemToWire } from './wire.ts';

const decision: Decision = {
  eventId: 'evt-1',
  outcome: 'review',
  score: 40,
  reasons: [{ ruleId: 'cn-pboc-lv-cash', weight: 40, message: 'Large cash', messageZh: '大额现金' }],
  obligations: [{ kind: 'report', code: 'LVTR', dueBy: '2026-12-06', ruleId: 'cn-pboc-lv-cash' }],
  shadow: [],
  features: { 'count.1h': 2, is_new: true },
  ruleSetVersion: 'default-1',
  decidedAt: '2026-12-01T08:00:00.000Z',
};

const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('cluster wire: decisions between nodes', () => {
  it('passes a whole decision and a known error through the wire unchanged', () => {
    expect(itemFromWire(wire(itemToWire({ ok: true, decision, replayed: true })))).toEqual({
      ok: true,
      decision,
      replayed: true,
    });
    const refused = new ZhiliError('ZHILI_E_VALIDATION', {
      pointer: '/amount',
      details: [{ pointer: '/amount', message: 'bad', messageZh: '错误' }],
    });
    const back = itemFromWire(wire(itemToWire({ ok: false, error: refused })));
    expect(back.ok).toBe(false);
    if (!back.ok)
      expect(back.error).toMatchObject({ code: 'ZHILI_E_VALIDATION', pointer: '/amount', details: refused.details });
  });

  it('takes a decision that breaks the API schema, or an unknown error code, as the owner unavailable', () => {
    const broken: unknown[] = [
      { ok: true, decision: { ...decision, outcome: 'maybe' }, replayed: false },
      { ok: true, decision: { ...decision, reasons: [{ ruleId: 'r' }] }, replayed: false },
      { ok: true, decision: { ...decision, shadow: undefined }, replayed: false },
      { ok: false, error: { code: 'ZHILI_E_NOT_A_CODE', message: 'x', messageZh: 'x', details: [] } },
      { ok: false, error: { code: 'ZHILI_E_VALIDATION', message: 'x', messageZh: 'x', details: [{ pointer: 1 }] } },
    ];
    for (const v of broken)
      expect(itemFromWire(wire(v)), JSON.stringify(v)).toMatchObject({
        ok: false,
        error: { code: 'ZHILI_E_PARTITION_UNAVAILABLE', retryAfterSeconds: 1 },
      });
  });
});
