import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Registry } from './metrics.ts';

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

describe('a gauge', () => {
  it('renders the value read at each scrape, and 0 for a value that is not a finite number', () => {
    const r = new Registry();
    let v = 3;
    r.register(new Gauge('g', 'a gauge', () => v));
    expect(r.render()).toContain('# TYPE g gauge\ng 3\n');
    v = 7.5;
    expect(r.render()).toContain('\ng 7.5\n');
    v = Number.NaN;
    expect(r.render()).toContain('\ng 0\n');
  });
});
