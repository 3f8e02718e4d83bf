import type { AnalysisOrgUnit, Change, OrgUnitLine } from '@xb/contracts';
import { changeOf, percentOf, shareOf } from './percent.js';

/**
 * Rolls counts up the org tree. The service knows each complaint's unit and materialised
 * path only; the gateway, which owns the tree, may hand over the units (names, codes,
 * types) for labels. A unit's total is everything whose path starts with the unit's path.
 */

/** The counts of one unit's own complaints in one period. */
export interface UnitCounts {
  orgUnitId: string;
  orgPath: string;
  orgUnitName: string;
  n: number;
  /** Decided (办结). */
  resolved: number;
  /** Customer informed (反馈): the timeliness denominator. */
  informed: number;
  /** Informed within the limit. */
  onTime: number;
}

export interface RollupInput {
  /** The analysed subtree (`/` for the whole bank). */
  rootPath: string;
  units: readonly AnalysisOrgUnit[];
  current: readonly UnitCounts[];
  previous: readonly UnitCounts[];
  lastYear: readonly UnitCounts[];
  overdueOpen: ReadonlyMap<string, number>;
  total: number;
}

const segments = (path: string) => path.split('/').filter(Boolean);

interface Node {
  id: string;
  code: string | null;
  name: string;
  type: AnalysisOrgUnit['type'] | null;
  path: string;
  own: number;
  total: number;
  previousOwn: number;
  previousTotal: number;
  lastYearOwn: number;
  lastYearTotal: number;
  resolved: number;
  informed: number;
  onTime: number;
  overdueOpen: number;
}

/** Lines for every unit with complaints in any period (and the analysed root), depth first, larger subtrees first. */
export function rollUpOrgUnits(input: RollupInput): OrgUnitLine[] {
  const nodes = new Map<string, Node>();
  const node = (id: string, path: string, name: string): Node => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, code: null, name, type: null, path, own: 0, total: 0, previousOwn: 0, previousTotal: 0, lastYearOwn: 0, lastYearTotal: 0, resolved: 0, informed: 0, onTime: 0, overdueOpen: 0 };
      nodes.set(id, n);
    }
    return n;
  };
  for (const u of input.units) {
    if (!u.path.startsWith(input.rootPath)) continue;
    Object.assign(node(u.id, u.path, u.name), { code: u.code, name: u.name, type: u.type, path: u.path });
  }
  const known = new Set(nodes.keys());

  const add = (rows: readonly UnitCounts[], own: 'own' | 'previousOwn' | 'lastYearOwn', total: 'total' | 'previousTotal' | 'lastYearTotal') => {
    for (const row of rows) {
      if (!row.orgPath.startsWith(input.rootPath)) continue;
      const self = node(row.orgUnitId, row.orgPath, row.orgUnitName);
      self[own] += row.n;
      if (own === 'own') {
        self.resolved += row.resolved;
        self.informed += row.informed;
        self.onTime += row.onTime;
      }
      // Every ancestor inside the analysed subtree whose unit we know gets the count in its total.
      const ids = segments(row.orgPath);
      for (let i = 0; i < ids.length; i++) {
        const ancestorPath = `/${ids.slice(0, i + 1).join('/')}/`;
        if (!ancestorPath.startsWith(input.rootPath)) continue;
        const ancestor = ids[i] === row.orgUnitId ? self : known.has(ids[i]) ? nodes.get(ids[i]) : undefined;
        if (ancestor) ancestor[total] += row.n;
      }
    }
  };
  add(input.current, 'own', 'total');
  add(input.previous, 'previousOwn', 'previousTotal');
  add(input.lastYear, 'lastYearOwn', 'lastYearTotal');
  for (const [id, n] of input.overdueOpen) {
    const self = nodes.get(id);
    if (self) self.overdueOpen += n;
  }

  const rootDepth = segments(input.rootPath).length;
  const visible = [...nodes.values()].filter((n) => n.total > 0 || n.previousTotal > 0 || n.lastYearTotal > 0 || n.path === input.rootPath);
  const byParent = new Map<string, Node[]>();
  const visibleIds = new Set(visible.map((n) => n.id));
  const parentOf = (n: Node): string | null => {
    const ids = segments(n.path);
    // The nearest visible ancestor, so a unit whose parent has no line still hangs in the tree.
    for (let i = ids.length - 2; i >= 0; i--) if (visibleIds.has(ids[i])) return ids[i];
    return null;
  };
  for (const n of visible) {
    const parent = parentOf(n) ?? '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), n]);
  }
  const order = (a: Node, b: Node) => b.total - a.total || b.own - a.own || (a.code ?? a.name).localeCompare(b.code ?? b.name);
  const lines: OrgUnitLine[] = [];
  const walk = (parentId: string) => {
    for (const n of (byParent.get(parentId) ?? []).sort(order)) {
      lines.push(toLine(n, parentOf(n), segments(n.path).length - rootDepth - (input.rootPath === '/' ? 1 : 0), input.total));
      walk(n.id);
    }
  };
  walk('');
  return lines;
}

function toLine(n: Node, parentId: string | null, level: number, total: number): OrgUnitLine {
  const previous: Change = changeOf(n.own, n.previousOwn);
  const lastYear: Change = changeOf(n.own, n.lastYearOwn);
  return {
    orgUnitId: n.id,
    code: n.code,
    name: n.name,
    type: n.type,
    path: n.path,
    level: Math.max(0, level),
    parentId,
    own: n.own,
    total: n.total,
    ownShare: shareOf(n.own, total),
    totalShare: shareOf(n.total, total),
    previous,
    lastYear,
    resolved: n.resolved,
    informed: n.informed,
    onTime: n.onTime,
    // 按时反馈率: informed within the limit / informed.
    timelinessRate: percentOf(n.onTime, n.informed),
    overdueOpen: n.overdueOpen,
  };
}
