import { describe, expect, it } from '@jest/globals';
import { AUDIT_LIST } from '../audit/index.js';
import { USER_LIST } from '../auth/index.js';
import { CASE_ARCHIVE_LIST } from '../complaints/case-archive.js';
import { COMPLAINT_LIST } from '../complaints/dto.js';
import { COMPLAINT_QUEUE_LIST, SUPERVISION_BOARD_LIST } from '../complaints/workflow.js';
import { ORG_UNIT_LIST } from '../org/index.js';
import { MAX_INPUT_DEPTH, nestsDeeperThan } from './input-depth.js';
import { filterFields, ListQueryError, parseListQuery, parseListQueryString, type ListSpec } from './list-query.js';
import { MAX_PAGE_SIZE } from './list.js';

const UUID = '7a1e3c55-0f5e-4a63-9a57-2b8d8f6f1d10';

/** The fields a rejected query names (each once; a field may break several rules), in order. */
function rejected(parts: unknown, spec: ListSpec<object, string>): string[] {
  try {
    parseListQuery(parts, spec);
  } catch (err) {
    expect(err).toBeInstanceOf(ListQueryError);
    const body = (err as ListQueryError).body;
    expect(body.statusCode).toBe(400);
    return [...new Set(body.details!.map((d) => d.field))];
  }
  throw new Error(`accepted ${JSON.stringify(parts)}`);
}

/** Every list a resource answers, with an id value of its own kind for getMany. */
const RESOURCE_LISTS: [string, ListSpec<object, string>, string][] = [
  ['org-units', ORG_UNIT_LIST, UUID],
  ['users', USER_LIST, UUID],
  ['audit-log', AUDIT_LIST, '42'],
  ['complaints', COMPLAINT_LIST, UUID],
  ['case-archive', CASE_ARCHIVE_LIST, UUID],
];

describe('the shared list-query parser', () => {
  it.each(RESOURCE_LISTS)('%s answers react-admin’s default sort ["id","ASC"] and getMany {id: [...]}', (_name, spec, id) => {
    expect(parseListQuery({ sort: ['id', 'ASC'], filter: { id: [id] }, range: [0, 9] }, spec)).toEqual({ filter: { id: [id] }, range: [0, 9], sort: ['id', 'ASC'] });
    expect(filterFields(spec.filter).has('id')).toBe(true);
  });

  it.each(RESOURCE_LISTS)('%s refuses malformed ids, unknown fields and nested values naming the field', (_name, spec) => {
    expect(rejected({ filter: { id: ['x'] } }, spec)).toEqual(['id']);
    expect(rejected({ filter: { id: [[UUID]] } }, spec)).toEqual(['id']);
    expect(rejected({ filter: { id: Array.from({ length: MAX_PAGE_SIZE + 1 }, () => UUID) } }, spec)).toEqual(['id']);
    expect(rejected({ filter: { nonsense: 1 } }, spec)).toEqual(['nonsense']);
  });

  it('refuses the filters that reached PostgreSQL as 500s before (issue #7)', () => {
    expect(rejected({ filter: { parentId: 'abc' } }, ORG_UNIT_LIST)).toEqual(['parentId']);
    expect(rejected({ filter: { within: 'abc' } }, USER_LIST)).toEqual(['within']);
    expect(rejected({ filter: { within: 'abc' } }, ORG_UNIT_LIST)).toEqual(['within']);
    expect(rejected({ filter: { id: ['x'] } }, USER_LIST)).toEqual(['id']);
    expect(rejected({ filter: { actorId: "1' OR 1=1 --" } }, AUDIT_LIST)).toEqual(['actorId']);
    expect(rejected({ filter: { from: 'yesterday' } }, AUDIT_LIST)).toEqual(['from']);
  });

  it('checks value types: strings, code lists, booleans', () => {
    expect(rejected({ filter: { q: { $ne: 1 } } }, COMPLAINT_LIST)).toEqual(['q']);
    expect(rejected({ filter: { q: 'x'.repeat(101) } }, COMPLAINT_LIST)).toEqual(['q']);
    expect(rejected({ filter: { status: ['received', 'lost'] } }, COMPLAINT_LIST)).toEqual(['status']);
    expect(rejected({ filter: { type: 5 } }, ORG_UNIT_LIST)).toEqual(['type']);
    expect(rejected({ filter: { active: 'maybe' } }, USER_LIST)).toEqual(['active']);
    expect(rejected({ filter: { mine: 'yes' } }, COMPLAINT_QUEUE_LIST)).toEqual(['mine']);
    expect(rejected({ filter: { tags: [{ a: 1 }] } }, CASE_ARCHIVE_LIST)).toEqual(['tags']);
    expect(parseListQuery({ filter: { active: 'false', role: 'handler' } }, USER_LIST).filter).toEqual({ active: 'false', role: 'handler' });
    expect(parseListQuery({ filter: { status: ['received', 'assigned'], channel: 'counter' } }, COMPLAINT_LIST).filter).toEqual({
      status: ['received', 'assigned'],
      channel: 'counter',
    });
  });

  it('never lets a prototype key through, and echoes at most a short piece of an unknown key', () => {
    const parsed = JSON.parse('{"__proto__":{"q":"x"},"constructor":1}');
    expect(rejected({ filter: parsed }, COMPLAINT_LIST)).toEqual(['__proto__', 'constructor']);
    const [field] = rejected({ filter: { ['k'.repeat(10_000)]: 1 } }, COMPLAINT_LIST);
    expect(field.length).toBeLessThanOrEqual(65);
  });

  it('refuses deeply nested input before class-transformer recurses through it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(nestsDeeperThan(deep)).toBe(true);
    expect(rejected({ filter: { q: deep, id: [[[UUID]]] } }, COMPLAINT_LIST)).toEqual(['q', 'id']);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = [ok];
    expect(nestsDeeperThan(ok)).toBe(false);
    expect(nestsDeeperThan([ok])).toBe(true);
  });

  it('drops empty values ("any" in the UI) instead of matching them', () => {
    const { filter } = parseListQuery({ filter: { q: '', status: [], orgUnitId: null, channel: 'counter' } }, COMPLAINT_LIST);
    expect(Object.keys(filter)).toEqual(['channel']);
  });

  it('the board takes no filter at all; the queue only its own', () => {
    expect(rejected({ filter: { q: 'x' } }, SUPERVISION_BOARD_LIST)).toEqual(['q']);
    expect(parseListQuery({ filter: { mine: true, q: 'x' } }, COMPLAINT_QUEUE_LIST).filter).toEqual({ mine: true, q: 'x' });
  });

  it(`caps a page at ${MAX_PAGE_SIZE} rows and refuses malformed ranges`, () => {
    expect(parseListQuery({ range: [0, MAX_PAGE_SIZE - 1] }, COMPLAINT_LIST).range).toEqual([0, MAX_PAGE_SIZE - 1]);
    expect(parseListQuery({ range: [5000, 5000 + MAX_PAGE_SIZE - 1] }, COMPLAINT_LIST).range).toEqual([5000, 5000 + MAX_PAGE_SIZE - 1]);
    for (const range of [[0, MAX_PAGE_SIZE], [0, 1e12], [5, 4], [-1, 3], [0.5, 3], [0, Number.MAX_SAFE_INTEGER + 2], ['0', '9'], [0], [0, 1, 2], {}, 'all']) {
      expect(rejected({ range }, COMPLAINT_LIST)).toEqual(['range']);
    }
  });

  it('takes a sort field of the list or id, in either case of order, and nothing else', () => {
    expect(parseListQuery({ sort: ['dueAt', 'desc'] }, COMPLAINT_LIST).sort).toEqual(['dueAt', 'DESC']);
    for (const sort of [['customerPhone', 'ASC'], ['id', 'SIDEWAYS'], ['id'], ['id', 'ASC', 'x'], 'id', [1, 'ASC'], ["id; DROP TABLE complaint; --", 'ASC']]) {
      expect(rejected({ sort }, COMPLAINT_LIST)).toEqual(['sort']);
    }
  });

  it('names every invalid part in one answer', () => {
    expect(rejected({ filter: { orgUnitId: 'x', channel: 'pigeon' }, range: [0, -1], sort: ['x', 'ASC'] }, COMPLAINT_LIST).sort()).toEqual(
      ['channel', 'orgUnitId', 'range', 'sort'],
    );
    expect(rejected('filter=x', COMPLAINT_LIST)).toEqual(['query']);
  });

  it('decodes the HTTP form (each part a JSON text) and names undecodable parts with the rest', () => {
    expect(parseListQueryString({ filter: '{"q":"张"}', range: '[0,24]', sort: '["id","DESC"]', _: '123' }, COMPLAINT_LIST)).toEqual({
      filter: { q: '张' },
      range: [0, 24],
      sort: ['id', 'DESC'],
    });
    try {
      parseListQueryString({ filter: '{"within":"abc"}', range: '[0,', sort: ['a', 'b'] }, USER_LIST);
      throw new Error('expected a ListQueryError');
    } catch (err) {
      expect((err as ListQueryError).details.map((d) => d.field)).toEqual(['range', 'sort', 'within']);
    }
  });
});
