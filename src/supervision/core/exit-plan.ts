/**
 * A winding-down platform's exit plan, computed from the latest data it sent: outstanding loans and
 * balances per currency, customers to notify (borrowers with a balance), open complaints and incidents.
 * An item is closed when the data shows it resolved (zero) and reopened if it comes back; the plan is
 * complete when every item is closed on data received after the plan was opened. Pure.
 */
export interface ExitData {
  /** When the hub received this data. */
  at: number;
  loans: { currency: string; open: number; balanceMinor: number }[];
  customersToNotify: number;
  complaintsOpen: number;
  incidentsOpen: number;
}

export interface ExitItem {
  key: string;
  label: string;
  labelZh: string;
  /** The figure when the item was first seen, and now (a count, or minor units for a balance). */
  initial: number;
  current: number;
  unit: 'count' | 'minor';
  currency: string | null;
  closedAt: number | null;
}

export interface ExitPlan {
  platformId: string;
  openedAt: number;
  /** When the data the items were last computed from was sent; null: none since the plan opened. */
  dataAt: number | null;
  items: ExitItem[];
}

function figures(d: ExitData): Omit<ExitItem, 'initial' | 'closedAt'>[] {
  const out: Omit<ExitItem, 'initial' | 'closedAt'>[] = [];
  for (const l of d.loans) {
    out.push({
      key: `loans:${l.currency}`,
      label: `Outstanding loans (${l.currency})`,
      labelZh: `未结清贷款（${l.currency}）`,
      current: l.open,
      unit: 'count',
      currency: l.currency,
    });
    out.push({
      key: `balance:${l.currency}`,
      label: `Outstanding principal (${l.currency})`,
      labelZh: `未偿本金（${l.currency}）`,
      current: l.balanceMinor,
      unit: 'minor',
      currency: l.currency,
    });
  }
  out.push({
    key: 'customers',
    label: 'Customers to notify (borrowers with a balance)',
    labelZh: '待通知客户（有未偿余额的借款人）',
    current: d.customersToNotify,
    unit: 'count',
    currency: null,
  });
  out.push({
    key: 'complaints',
    label: 'Open complaints',
    labelZh: '未结投诉',
    current: d.complaintsOpen,
    unit: 'count',
    currency: null,
  });
  out.push({
    key: 'incidents',
    label: 'Open incidents',
    labelZh: '未关闭的突发事件',
    current: d.incidentsOpen,
    unit: 'count',
    currency: null,
  });
  return out;
}

/** The plan after `data` (undefined: nothing new); a new plan opened at `openedAt` when `plan` is undefined. */
export function updateExitPlan(
  platformId: string,
  plan: ExitPlan | undefined,
  data: ExitData | undefined,
  openedAt: number,
): ExitPlan {
  const base: ExitPlan = plan ?? { platformId, openedAt, dataAt: null, items: [] };
  if (!data || data.at < base.openedAt) return base; // figures from before the wind-down do not count
  const byKey = new Map(base.items.map((i) => [i.key, i]));
  const seen = new Set<string>();
  const items: ExitItem[] = [];
  for (const f of figures(data)) {
    seen.add(f.key);
    const prev = byKey.get(f.key);
    const closedAt = f.current > 0 ? null : (prev?.closedAt ?? data.at);
    items.push({ ...f, initial: prev?.initial ?? f.current, closedAt });
  }
  // An item the platform stopped reporting (e.g. a currency paid off entirely) reads as resolved.
  for (const i of base.items) if (!seen.has(i.key)) items.push({ ...i, current: 0, closedAt: i.closedAt ?? data.at });
  return { ...base, dataAt: data.at, items };
}

export type ExitVerdict = { ok: true } | { ok: false; reason: string; reasonZh: string };

/** Whether the plan allows the move to `exited`: data received since it opened and every item closed. */
export function exitReady(plan: ExitPlan | undefined): ExitVerdict {
  if (!plan || plan.dataAt === null)
    return {
      ok: false,
      reason: 'The exit plan has no data from the platform since the wind-down began.',
      reasonZh: '退出计划自开始清退以来尚未收到平台数据。',
    };
  const open = plan.items.filter((i) => i.closedAt === null);
  if (open.length === 0) return { ok: true };
  return {
    ok: false,
    reason: `The exit plan still has open items: ${open.map((i) => `${i.label} ${i.current}`).join('; ')}.`,
    reasonZh: `退出计划仍有未完成事项：${open.map((i) => `${i.labelZh} ${i.current}`).join('；')}。`,
  };
}
