import type { EntityManager } from 'typeorm';

/**
 * Quarter roll-ups of reviewed routine visits per outlet: the sums a ratio of totals needs
 * (visits, points, verdicts; per dimension; per item). Sums are additive, so accepting a
 * visit adds its row in the review's transaction, and the analysis of whole quarters reads
 * 60 × outlets × quarters small rows instead of every item of every visit.
 */
const ADD = {
  totals: `
    INSERT INTO inspection_rollup (outlet_id, quarter, visits, achieved, possible, judged, passed, red_line)
    SELECT i.outlet_id, to_char(i.visit_date, 'YYYY"Q"Q'), count(*), sum(i.points_achieved), sum(i.points_possible),
           count(i.passed), count(*) FILTER (WHERE i.passed), count(*) FILTER (WHERE i.red_line_failed)
      FROM inspection i WHERE %WHERE% GROUP BY 1, 2
    ON CONFLICT (outlet_id, quarter) DO UPDATE SET visits = inspection_rollup.visits + EXCLUDED.visits,
      achieved = inspection_rollup.achieved + EXCLUDED.achieved, possible = inspection_rollup.possible + EXCLUDED.possible,
      judged = inspection_rollup.judged + EXCLUDED.judged, passed = inspection_rollup.passed + EXCLUDED.passed,
      red_line = inspection_rollup.red_line + EXCLUDED.red_line`,
  dimensions: `
    INSERT INTO inspection_rollup_dimension (outlet_id, quarter, dimension_key, achieved, possible)
    SELECT i.outlet_id, to_char(i.visit_date, 'YYYY"Q"Q'), d.dimension_key, sum(d.achieved), sum(d.possible)
      FROM inspection i JOIN inspection_dimension_score d ON d.inspection_id = i.id WHERE %WHERE% GROUP BY 1, 2, 3
    ON CONFLICT (outlet_id, quarter, dimension_key) DO UPDATE SET achieved = inspection_rollup_dimension.achieved + EXCLUDED.achieved,
      possible = inspection_rollup_dimension.possible + EXCLUDED.possible`,
  items: `
    INSERT INTO inspection_rollup_item (outlet_id, quarter, item_key, achieved, possible, failures)
    SELECT i.outlet_id, to_char(i.visit_date, 'YYYY"Q"Q'), s.item_key, sum(s.achieved), sum(s.possible), count(*) FILTER (WHERE s.failed)
      FROM inspection i JOIN inspection_item_score s ON s.inspection_id = i.id WHERE %WHERE% GROUP BY 1, 2, 3
    ON CONFLICT (outlet_id, quarter, item_key) DO UPDATE SET achieved = inspection_rollup_item.achieved + EXCLUDED.achieved,
      possible = inspection_rollup_item.possible + EXCLUDED.possible, failures = inspection_rollup_item.failures + EXCLUDED.failures`,
};

const run = async (q: { query(sql: string, params?: unknown[]): Promise<unknown> }, where: string, params: unknown[]) => {
  for (const sql of Object.values(ADD)) await q.query(sql.replace('%WHERE%', where), params);
};

/** Adds one just-accepted visit to the roll-ups (in the review's transaction). */
export const addToRollup = (m: EntityManager, inspectionId: string) => run(m, `i.id = $1 AND i.kind = 'routine' AND i.status = 'reviewed'`, [inspectionId]);

/** Rebuilds every roll-up from the visits (the migration's backfill; the benchmark after a bulk load). */
export async function rebuildRollups(q: { query(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  await q.query(`TRUNCATE inspection_rollup, inspection_rollup_dimension, inspection_rollup_item`);
  await run(q, `i.kind = 'routine' AND i.status = 'reviewed'`, []);
}
