import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Registry } from './metrics.ts';

describe('metrics rendering without a label', () => {
  it('sums the series the dropped label told apart', () => {
    const r = new Registry();
    const c = r.register(new Counter('c_total', 'c'));
    const h = r.register(new Histogram('h', 'h', [1, 10]));
    c.inc({ tenant: 'a', outcome: 'allow' });
    c.inc({ tenant: 'b', outcome: 'allow' }, 2);
    h.observe(0.5, { tenant: 'a' });
    h.observe(5, { tenant: 'b' });
    const all = r.render();
    expect(all).toContain('c_total{outcome="allow",tenant="a"} 1');
    const totals = r.render({ without: ['tenant'] });
    expect(totals).toContain('c_total{outcome="allow"} 3');
    expect(totals).toContain('h_bucket{le="1"} 1');
    expect(totals).toContain('h_bucket{le="10"} 2');
    expect(totals).toContain('h_count 2');
    expect(totals).not.toContain('tenant');
  });
});
