/** Just enough of the Prometheus text exposition format for counters, gauges and histograms. */

type Labels = Record<string, string>;
/** How to render: `without` drops those labels, summing the series they told apart (e.g. `tenant`). */
export interface RenderOptions {
  without?: readonly string[];
}
const drop = (l: Labels, without: readonly string[] = []): Labels =>
  Object.fromEntries(Object.entries(l).filter(([k]) => !without.includes(k)));
const key = (l: Labels): string =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}="${(l[k] ?? '').replace(/["\\\n]/g, '_')}"`)
    .join(',');

export class Counter {
  private readonly values = new Map<string, { labels: Labels; n: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const v = this.values.get(k);
    if (v) v.n += by;
    else this.values.set(k, { labels, n: by });
  }
  render(opts: RenderOptions = {}): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    const out = new Map<string, number>();
    for (const v of this.values.values()) {
      const k = key(drop(v.labels, opts.without));
      out.set(k, (out.get(k) ?? 0) + v.n);
    }
    for (const [k, v] of out) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; n: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, n: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.buckets.length; i++)
      if (value <= (this.buckets[i] ?? 0)) s.counts[i] = (s.counts[i] ?? 0) + 1;
    s.sum += value;
    s.n += 1;
  }
  render(opts: RenderOptions = {}): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    const out = new Map<string, { counts: number[]; sum: number; n: number }>();
    for (const v of this.series.values()) {
      const k = key(drop(v.labels, opts.without));
      const o = out.get(k) ?? { counts: this.buckets.map(() => 0), sum: 0, n: 0 };
      v.counts.forEach((c, i) => (o.counts[i] = (o.counts[i] ?? 0) + c));
      o.sum += v.sum;
      o.n += v.n;
      out.set(k, o);
    }
    for (const [k, s] of out) {
      const pre = k ? `${k},` : '';
      this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{${pre}le="${b}"} ${s.counts[i] ?? 0}`));
      lines.push(`${this.name}_bucket{${pre}le="+Inf"} ${s.n}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.n}`);
    }
    return lines.join('\n');
  }
}

/** A value read when /metrics is scraped (a controller's state, a queue's length): nothing is kept here. */
export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number,
  ) {}
  render(): string {
    const v = this.read();
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      `${this.name} ${Number.isFinite(v) ? v : 0}`,
    ].join('\n');
  }
}

export class Registry {
  private readonly metrics: { render(opts?: RenderOptions): string }[] = [];
  register<M extends { render(opts?: RenderOptions): string }>(m: M): M {
    this.metrics.push(m);
    return m;
  }
  render(opts: RenderOptions = {}): string {
    return `${this.metrics.map((m) => m.render(opts)).join('\n')}\n`;
  }
}
