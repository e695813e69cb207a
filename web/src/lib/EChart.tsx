import { useEffect, useRef } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { loadECharts } from './echarts.ts';

/** One chart; ECharts itself arrives with the first chart shown. `label` names the chart for screen readers. */
export function EChart(props: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onClick?: (params: { dataType?: string; data?: unknown; name?: string }) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const { option, onClick } = props;

  useEffect(() => {
    let disposed = false;
    const resize = () => chart.current?.resize();
    void loadECharts().then((echarts) => {
      if (disposed || !el.current) return;
      chart.current = echarts.init(el.current);
      chart.current.setOption({ aria: { enabled: true }, ...option });
      if (onClick) chart.current.on('click', (p) => onClick(p as never));
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [option, onClick]);

  return <div ref={el} role="img" aria-label={props.label} style={{ width: '100%', height: props.height ?? 320 }} />;
}
