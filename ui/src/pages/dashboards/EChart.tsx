import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/**
 * ECharts, loaded when the first chart is drawn (its own chunk: the main bundle does not carry it), with only the
 * chart types and components the dashboards use.
 */
let loading: Promise<typeof import('echarts/core')> | undefined;

function loadECharts(): Promise<typeof import('echarts/core')> {
  loading ??= import('./echartsSetup').then(module => module.default);
  return loading;
}

/**
 * One chart: a figure named by `label` (its table beside it is the accessible equivalent), drawn again when its
 * option changes, resized with its box; `data-ready="true"` once drawn.
 */
export function EChart({ option, label, height = 300 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    void loadECharts().then(echarts => {
      if (gone || !box.current) {
        return;
      }
      chart.current = echarts.init(box.current, undefined, { renderer: 'canvas' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (ready && chart.current) {
      chart.current.setOption(option, { notMerge: true });
    }
  }, [ready, option]);

  return (
    <div ref={box} role="img" aria-label={label} data-testid="chart" data-ready={ready ? 'true' : undefined}
      style={{ width: '100%', height }} />
  );
}
