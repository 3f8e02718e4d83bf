import { METRICS, type MetricValues, type ProgressView, type TargetMetric, type YearOnYearView } from '@xb/contracts/campaigns';

/** numerator / denominator × 100 with one decimal, half away from zero, in integers (9.05 → 9.1, not the float's 9.0). */
function percentOneDecimal(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator) * 1000;
  const d = Math.abs(denominator);
  return (sign * Math.floor((2 * n + d) / (2 * d))) / 10 || 0;
}

/** Progress against each target set (percent null when the target is 0). */
export function progressOf(targets: Map<string, number> | undefined, values: MetricValues): ProgressView[] {
  if (!targets) return [];
  return [...targets.entries()].map(([metric, target]) => ({
    metric: metric as TargetMetric,
    target,
    actual: values[metric as TargetMetric],
    percent: target > 0 ? percentOneDecimal(values[metric as TargetMetric], target) : null,
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
      changePercent: prev ? percentOneDecimal(current[metric] - prev, prev) : null,
    };
  });
}
