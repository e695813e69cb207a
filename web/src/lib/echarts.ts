// ECharts is loaded on demand (its own chunk) by the pages that chart; only the parts used are registered.
export async function loadECharts() {
  const [core, charts, components, renderers] = await Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]);
  core.use([
    charts.GraphChart,
    charts.BarChart,
    charts.LineChart,
    charts.PieChart,
    charts.FunnelChart,
    components.TooltipComponent,
    components.LegendComponent,
    components.GridComponent,
    components.TitleComponent,
    components.AriaComponent,
    renderers.CanvasRenderer,
  ]);
  return core;
}
