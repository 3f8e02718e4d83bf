import type { EntityManager } from 'typeorm';

/**
 * Quarter roll-ups of reviewed routine visits per outlet: the sums a ratio of totals needs
 * (visits, points, verdicts, the rectifications their findings opened and how many of those
 * were verified, on time; per dimension; per item) and the template versions used. Sums are
 * additive, so accepting a visit adds its row in the review's transaction (after its
 * rectifications are opened), verifying a rectification adds one to its visit's row, and the
 * analysis of whole quarters reads 60 × outlets × quarters small rows instead of every item of
 * every visit and every rectification.
 */
const ON_TIME = `r.status = 'verified' AND (r.verified_at AT TIME ZONE 'Asia/Shanghai')::date <= r.deadline`;

const ADD = {
  totals: `
    INSERT INTO inspection_rollup (outlet_id, quarter, visits, achieved, possible, judged, passed, red_line, rect_opened, rect_verified, rect_on_time, template_ids)
    SELECT i.outlet_id, to_char(i.visit_date, 'YYYY"Q"Q'), count(*), sum(i.points_achieved), sum(i.points_possible),
           count(i.passed), count(*) FILTER (WHERE i.passed), count(*) FILTER (WHERE i.red_line_failed),
           sum(rc.opened), sum(rc.verified), sum(rc.on_time), array_agg(DISTINCT i.template_id)
      FROM inspection i
      CROSS JOIN LATERAL (
        SELECT count(*) AS opened, count(*) FILTER (WHERE r.status = 'verified') AS verified, count(*) FILTER (WHERE ${ON_TIME}) AS on_time
          FROM rectification r WHERE r.inspection_id = i.id) rc
     WHERE %WHERE% GROUP BY 1, 2
    ON CONFLICT (outlet_id, quarter) DO UPDATE SET visits = inspection_rollup.visits + EXCLUDED.visits,
      achieved = inspection_rollup.achieved + EXCLUDED.achieved, possible = inspection_rollup.possible + EXCLUDED.possible,
      judged = inspection_rollup.judged + EXCLUDED.judged, passed = inspection_rollup.passed + EXCLUDED.passed,
      red_line = inspection_rollup.red_line + EXCLUDED.red_line, rect_opened = inspection_rollup.rect_opened + EXCLUDED.rect_opened,
      rect_verified = inspection_rollup.rect_verified + EXCLUDED.rect_verified, rect_on_time = inspection_rollup.rect_on_time + EXCLUDED.rect_on_time,
      template_ids = ARRAY(SELECT DISTINCT unnest(inspection_rollup.template_ids || EXCLUDED.template_ids))`,
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

type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };

const run = async (q: Queryable, where: string, params: unknown[]) => {
  for (const sql of Object.values(ADD)) await q.query(sql.replace('%WHERE%', where), params);
};

/** Adds one just-accepted visit, with the rectifications it opened, to the roll-ups (in the review's transaction). */
export const addToRollup = (m: EntityManager, inspectionId: string) => run(m, `i.id = $1 AND i.kind = 'routine' AND i.status = 'reviewed'`, [inspectionId]);

/**
 * Counts a rectification just verified (in the verifying transaction, after the update) in
 * its visit's roll-up row: verified, and on time when verified by its deadline (bank day).
 */
export async function addVerifiedToRollup(m: EntityManager, rectificationId: string): Promise<void> {
  await m.query(
    `UPDATE inspection_rollup u SET rect_verified = u.rect_verified + 1, rect_on_time = u.rect_on_time + CASE WHEN ${ON_TIME} THEN 1 ELSE 0 END
       FROM rectification r JOIN inspection i ON i.id = r.inspection_id
      WHERE r.id = $1 AND r.status = 'verified' AND i.kind = 'routine' AND i.status = 'reviewed'
        AND u.outlet_id = i.outlet_id AND u.quarter = to_char(i.visit_date, 'YYYY"Q"Q')`,
    [rectificationId],
  );
}

/** Rebuilds every roll-up from the visits (the migrations' backfill; the benchmark after a bulk load). */
export async function rebuildRollups(q: Queryable): Promise<void> {
  await q.query(`TRUNCATE inspection_rollup, inspection_rollup_dimension, inspection_rollup_item`);
  await run(q, `i.kind = 'routine' AND i.status = 'reviewed'`, []);
}
