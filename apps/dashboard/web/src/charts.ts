import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws goes into the bundle.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

declare global {
  interface Window {
    /** For tests and debugging: `echarts.getInstanceByDom(el).getOption()`. */
    echarts: { getInstanceByDom: typeof echarts.getInstanceByDom };
  }
}
window.echarts = { getInstanceByDom: echarts.getInstanceByDom };

export type ChartOption = echarts.EChartsCoreOption;

/** Draws `option` in the element, replacing what was there (one instance per element). */
export function draw(element: HTMLElement, option: ChartOption): void {
  const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option, { notMerge: true });
}

export function resizeAll(elements: readonly HTMLElement[]): void {
  for (const element of elements) echarts.getInstanceByDom(element)?.resize();
}

export const PALETTE = ['#2f6fb0', '#e0823d', '#4aa36c', '#c6505a', '#8a6bbf', '#3fa7a9', '#c9a03b', '#7a8794', '#d46fa3', '#5c7f2e', '#a0522d', '#4b5fa8'];
