// Pure: the counterparty graph as an ECharts option, and the customer's account from an event.
import type { EChartsCoreOption } from 'echarts/core';
import type { CounterpartyGraph } from '../../api/types.ts';
import { formatMoney } from '../../lib/format.ts';

const hopColours = ['#c0392b', '#1f5fbf', '#5b8ff9', '#9fb8e8', '#cfd8e6'];

export function accountOfCustomer(event: unknown, customerId: string): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, { partyId?: unknown; accountId?: unknown } | undefined>;
  for (const side of [e.debtor, e.creditor])
    if (side && side.partyId === customerId && typeof side.accountId === 'string') return side.accountId;
  return typeof e.debtor?.accountId === 'string' ? e.debtor.accountId : undefined;
}

export function graphOption(g: CounterpartyGraph, lang: string): EChartsCoreOption {
  const amounts = (a: Record<string, string>) =>
    Object.entries(a)
      .map(([cur, v]) => formatMoney(v, cur, lang))
      .join(' + ');
  return {
    tooltip: {},
    animation: g.nodes.length < 200,
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        force: { repulsion: 220, edgeLength: [60, 160] },
        edgeSymbol: ['none', 'arrow'],
        label: { show: g.nodes.length <= 60, position: 'right', fontSize: 11 },
        edgeLabel: {
          show: g.edges.length <= 60,
          formatter: (p: { data: { amounts: string } }) => p.data.amounts,
          fontSize: 10,
        },
        data: g.nodes.map((n) => ({
          name: n.account,
          value: n.party ?? '',
          symbolSize: n.account === g.centre ? 26 : Math.max(10, 18 - n.hop * 3),
          itemStyle: { color: hopColours[Math.min(n.hop, hopColours.length - 1)] },
          tooltip: { formatter: `${n.account}${n.party ? ` (${n.party})` : ''}` },
        })),
        links: g.edges.map((e) => ({
          source: e.from,
          target: e.to,
          amounts: amounts(e.amounts),
          tooltip: { formatter: `${e.from} → ${e.to}: ${amounts(e.amounts)} ×${e.count}` },
        })),
      },
    ],
  };
}
