import { METRICS, type MetricValues, type ProgressView, type TargetMetric, type YearOnYearView } from '@xb/contracts/campaigns';

/** One decimal, half away from zero. */
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** Progress against each target set (percent null when the target is 0). */
export function progressOf(targets: Map<string, number> | undefined, values: MetricValues): ProgressView[] {
  if (!targets) return [];
  return [...targets.entries()].map(([metric, target]) => ({
    metric: metric as TargetMetric,
    target,
    actual: values[metric as TargetMetric],
    percent: target > 0 ? oneDecimal((values[metric as TargetMetric] / target) * 100) : null,
  }));
}

/**
 * Year on year per metric. Without a previous campaign, or with 0 last year, the change is
 * null — "no comparison", never 0 % or infinity.
 */
export function yearOnYear(current: MetricValues, previous: MetricValues | null): YearOnYearView[] {
  return METRICS.map((metric) => {
    const prev = previous ? previous[metric] : null;
    return {
      metric,
      current: current[metric],
      previous: prev,
      changePercent: prev ? oneDecimal(((current[metric] - prev) / prev) * 100) : null,
    };
  });
}
