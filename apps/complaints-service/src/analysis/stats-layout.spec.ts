import { describe, expect, it } from '@jest/globals';
import { CLOCK_RUNNING_STATUSES } from '@xb/contracts';
import { FROZEN_STATS_LISTS_V1, STATS_VECTOR_SQL_V1 } from '../database/migrations/1795500000000-analysis-rollup.js';
import { FROZEN_STATS_LISTS_V2, STATS_VECTOR_SQL_V2 } from '../database/migrations/1795600000000-analysis-clock-stops-at-reply.js';
import { OPEN_STATUSES } from './closure-buckets.js';
import { decodeVector, STATS_DIMENSIONS, STATS_LAYOUT, STATS_METRICS, summedVectorSql } from './stats-layout.js';

describe('roll-up vector layout', () => {
  it('matches the frozen lists of the migration that defines complaint_stats_vector() — a new code needs a new migration', () => {
    // V2 (1795600000000) keeps V1's layout and only changes what some metrics measure.
    expect(STATS_DIMENSIONS.channel).toEqual(FROZEN_STATS_LISTS_V2.channel);
    expect(FROZEN_STATS_LISTS_V2.metrics).toEqual(FROZEN_STATS_LISTS_V1.metrics);
    expect(STATS_DIMENSIONS.businessCategory).toEqual(FROZEN_STATS_LISTS_V2.businessCategory);
    expect(STATS_DIMENSIONS.cause).toEqual(FROZEN_STATS_LISTS_V2.cause);
    expect(STATS_DIMENSIONS.severity).toEqual(FROZEN_STATS_LISTS_V2.severity);
    expect(STATS_DIMENSIONS.status).toEqual(FROZEN_STATS_LISTS_V2.status);
    expect([...STATS_METRICS]).toEqual(FROZEN_STATS_LISTS_V2.metrics);
    expect([...OPEN_STATUSES]).toEqual(FROZEN_STATS_LISTS_V2.open);
    expect([...CLOCK_RUNNING_STATUSES]).toEqual(FROZEN_STATS_LISTS_V2.open);
    expect(STATS_VECTOR_SQL_V1).toHaveLength(STATS_LAYOUT.length);
    expect(STATS_VECTOR_SQL_V2).toHaveLength(STATS_LAYOUT.length);
  });

  it('decodes a vector slot by slot', () => {
    const v = Array.from({ length: STATS_LAYOUT.length }, (_, i) => i);
    const d = decodeVector(v);
    expect(d.n).toBe(0);
    expect(d.channel.counter).toBe(1);
    expect(d.channel.media).toBe(9);
    expect(d.businessCategory.deposit).toBe(10);
    expect(d.metrics.resolved).toBe(STATS_LAYOUT.metricOffset);
    expect(d.metrics.notResolved).toBe(STATS_LAYOUT.length - 1);
    expect(summedVectorSql()).toContain(`sum(v[${STATS_LAYOUT.length}])`);
  });
});
