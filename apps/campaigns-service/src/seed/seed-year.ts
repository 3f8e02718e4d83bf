/**
 * A seed year shaped like ICBC Chongqing's reported outreach (工商银行重庆分行): 300 outlets
 * took part, 2,181 sessions, 4,873 staff, 130,050 leaflets, e-posters at 299 outlets and
 * about 660,000 people reached. Deterministic, so tests can check exact figures and the
 * benchmark and demo seed can reuse the shape.
 */
import type { VenueType } from '@xb/contracts/campaigns';

export const SEED_YEAR_FIGURES = {
  outlets: 300,
  sessions: 2181,
  distinctStaff: 4873,
  materials: 130_050,
  eposterOutlets: 299,
  peopleReached: 659_868,
} as const;

export interface SeedOutlet {
  code: string;
  subBranch: number;
  staff: string[];
}

export interface SeedActivityRow {
  unitCode: string;
  date: string;
  venueType: VenueType;
  targetGroups: string[];
  topics: string[];
  sessions: number;
  staff: string[];
  materials: number;
  peopleReached: number;
  onlineViews: number;
  eposters: boolean;
  description: string;
}

const VENUES: VenueType[] = ['outlet', 'community', 'school', 'rural', 'enterprise', 'business_district', 'outlet'];
const GROUPS = [['elderly'], ['students'], ['new_citizens'], ['rural_residents'], ['general_public'], ['elderly', 'general_public'], ['disabled']];
const TOPICS = ['防范电信网络诈骗', '个人征信', '货币金融知识', '权利·责任·风险'];

/** 10 sub-branches × 30 outlets; 73 outlets have 17 staff, the others 16 (4,873 in all). */
export function seedOutlets(): SeedOutlet[] {
  let n = 0;
  return Array.from({ length: 300 }, (_, i) => {
    const size = i < 73 ? 17 : 16;
    const staff = Array.from({ length: size }, () => `s${String(++n).padStart(5, '0')}`);
    return { code: `OT-CQ-${String(i + 1).padStart(3, '0')}`, subBranch: Math.floor(i / 30), staff };
  });
}

/**
 * Seven activities per outlet (2,100): 81 of them held two sessions; three staff each, in
 * turn, so every member of staff took part; 150 gave out 61 leaflets and the rest 62; 468
 * reached 315 people and the rest 314; every outlet but the last showed e-posters.
 */
export function seedActivities(outlets: SeedOutlet[], year: number, month = 3): SeedActivityRow[] {
  const rows: SeedActivityRow[] = [];
  let k = 0;
  for (const [i, o] of outlets.entries()) {
    for (let a = 0; a < 7; a++, k++) {
      const staff = [0, 1, 2].map((s) => o.staff[(a * 3 + s) % o.staff.length]);
      rows.push({
        unitCode: o.code,
        date: `${year}-${String(month).padStart(2, '0')}-${String(1 + ((i + a * 4) % 28)).padStart(2, '0')}`,
        venueType: VENUES[a],
        targetGroups: GROUPS[(i + a) % GROUPS.length],
        topics: [TOPICS[(i + a) % TOPICS.length]],
        sessions: k < 81 ? 2 : 1,
        staff: [...new Set(staff)],
        materials: k < 150 ? 61 : 62,
        peopleReached: k < 468 ? 315 : 314,
        onlineViews: a === 6 ? 100 : 0,
        eposters: a === 0 && i < 299,
        description: `${o.code} 第${a + 1}场宣教`,
      });
    }
  }
  return rows;
}

/** Rows as an import file (the template's Chinese headers). */
export async function activitiesXlsx(rows: SeedActivityRow[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { CAMPAIGN_IMPORT_COLUMNS } = await import('@xb/contracts/campaigns');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动上报');
  ws.addRow(CAMPAIGN_IMPORT_COLUMNS.map((c) => c.zh));
  for (const r of rows) {
    ws.addRow([r.unitCode, r.date, r.venueType, r.targetGroups.join(','), r.topics.join(','), r.sessions, r.staff.join(','), r.materials, r.peopleReached, r.onlineViews, r.eposters ? '是' : '否', r.description]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
