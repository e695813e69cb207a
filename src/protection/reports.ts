/** The risk reserve (deposits, balance, payouts report) and complaint statistics with the quarterly file. */
import {
  canonicalJson,
  dayNumber,
  localDate,
  sha256Hex,
  ZhiliError,
  type AuditSink,
  type Clock,
  type Ids,
} from '../kernel/index.ts';
import { statisticsCsv, statisticsRows } from './core/csv.ts';
import { statisticsXlsx } from './xlsx.ts';
import { balances, type MovementKind } from './core/reserve.ts';
import { complaintStatistics, quarterRange, type ComplaintStatistics } from './core/stats.ts';
import { need, type ComplaintActor } from './permissions.ts';
import type { ComplaintService } from './service.ts';
import type { ComplaintStore } from './storage/port.ts';
import { movementView, type MovementView } from './views.ts';
import { formatMoney } from '../kernel/index.ts';

const DAY = 86_400_000;

export class ComplaintReports {
  constructor(
    private readonly o: {
      store: ComplaintStore;
      complaints: ComplaintService;
      clock: Clock;
      ids: Ids;
      audit?: AuditSink | undefined;
      timeZoneOf: (tenantId: string) => Promise<string>;
    },
  ) {}

  async move(
    a: ComplaintActor,
    kind: Exclude<MovementKind, 'payout'>,
    amountMinor: number,
    currency: string,
  ): Promise<MovementView> {
    need(a, 'complaints:reserve');
    if (kind === 'adjustment' && amountMinor < 0) {
      const bal = balances(await this.o.store.movements(a.tenantId))[currency] ?? 0;
      if (bal + amountMinor < 0) throw new ZhiliError('ZHILI_E_RESERVE_INSUFFICIENT');
    }
    const m = {
      tenantId: a.tenantId,
      id: this.o.ids.next('rsv'),
      kind,
      amountMinor,
      currency,
      actorId: a.actorId,
      at: this.o.clock.now(),
    };
    const audits = [this.o.complaints.record(a, `reserve.${kind}`, m.id, sha256Hex(canonicalJson(m)))];
    await this.o.store.addMovement(m, this.o.complaints.queued(audits));
    await this.o.complaints.settle(audits);
    return movementView(m);
  }

  async reserve(a: ComplaintActor) {
    need(a, 'complaints:read');
    const all = await this.o.store.movements(a.tenantId);
    const b = balances(all);
    return {
      balances: Object.entries(b).map(([currency, minor]) => ({ value: formatMoney({ minor, currency }), currency })),
      movements: all.map(movementView),
    };
  }

  /** Payouts made in [from, to] (local dates of the tenant), with totals per currency. */
  async payouts(a: ComplaintActor, from: string, to: string) {
    need(a, 'complaints:read');
    const tz = await this.o.timeZoneOf(a.tenantId);
    const rows = (
      await this.o.store.movements(a.tenantId, {
        kind: 'payout',
        fromMs: dayNumber(from) * DAY - DAY,
        toMs: (dayNumber(to) + 2) * DAY,
      })
    ).filter((m) => {
      const d = localDate(m.at, tz);
      return d >= from && d <= to;
    });
    const totals = balances(rows.map((m) => ({ ...m, amountMinor: -m.amountMinor })));
    return {
      from,
      to,
      count: rows.length,
      totals: Object.entries(totals).map(([currency, minor]) => ({
        value: formatMoney({ minor, currency }),
        currency,
      })),
      payouts: rows.map(movementView),
    };
  }

  async statistics(a: ComplaintActor, from: string, to: string): Promise<ComplaintStatistics> {
    const tz = await this.o.timeZoneOf(a.tenantId);
    // A local day is within a day of the UTC one: fetch wide, then keep the tenant's business days.
    const items = (await this.o.complaints.inPeriod(a, dayNumber(from) * DAY - DAY, (dayNumber(to) + 2) * DAY)).filter(
      ({ complaint: c }) => {
        const d = localDate(c.receivedAt, tz);
        return d >= from && d <= to;
      },
    );
    return complaintStatistics(items, from, to);
  }

  /** The quarterly statistics file (`2026Q4`) as a workbook: the CSV's rows on one sheet. */
  async quarterlyXlsx(a: ComplaintActor, quarter: string): Promise<{ name: string; xlsx: Uint8Array }> {
    const s = await this.statistics(a, ...this.quarter(quarter));
    const rows = statisticsRows(s, await this.o.complaints.table(a.tenantId), a.tenantId);
    return { name: `complaints-${a.tenantId}-${quarter}.xlsx`, xlsx: statisticsXlsx(rows, `complaints ${quarter}`) };
  }

  private quarter(quarter: string): [string, string] {
    const range = quarterRange(quarter);
    if (!range)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/quarter',
        message: 'The quarter is written like 2026Q4.',
        messageZh: '季度格式如 2026Q4。',
      });
    return [range.from, range.to];
  }

  /** The quarterly statistics file (`2026Q4`). */
  async quarterlyCsv(a: ComplaintActor, quarter: string): Promise<{ name: string; csv: string }> {
    const s = await this.statistics(a, ...this.quarter(quarter));
    return {
      name: `complaints-${a.tenantId}-${quarter}.csv`,
      csv: statisticsCsv(s, await this.o.complaints.table(a.tenantId), a.tenantId),
    };
  }
}
