import { describe, expect, it } from '@jest/globals';
import { COMPLAINT_LIST, ORG_UNIT_LIST, USER_LIST } from '@xb/contracts';
import { parseListQuery, sendList } from './list-query.js';

/** The HTTP face of the shared parser (contracts' list-query.spec covers the rules themselves). */
describe('ra-data-simple-rest query parsing in the gateway', () => {
  it('parses filter, range and sort and drops empty filter values', () => {
    const q = parseListQuery({ filter: '{"status":"received","q":"","channel":[]}', range: '[25,49]', sort: '["reference","asc"]' }, COMPLAINT_LIST);
    expect(q).toEqual({ filter: { status: 'received' }, range: [25, 49], sort: ['reference', 'ASC'] });
  });

  it('defaults to the first 25 rows and the list’s default sort', () => {
    expect(parseListQuery({}, COMPLAINT_LIST)).toEqual({ filter: {}, range: [0, 24], sort: ['receivedAt', 'DESC'] });
  });

  it('takes react-admin’s defaults on every list: sort by id and getMany by ids', () => {
    const id = '7a1e3c55-0f5e-4a63-9a57-2b8d8f6f1d10';
    for (const spec of [ORG_UNIT_LIST, USER_LIST, COMPLAINT_LIST]) {
      expect(parseListQuery({ sort: '["id","ASC"]', filter: JSON.stringify({ id: [id] }) }, spec)).toMatchObject({ sort: ['id', 'ASC'], filter: { id: [id] } });
    }
  });

  it.each([
    [{ filter: '{oops' }, ['filter']],
    [{ filter: '[1,2]' }, ['filter']],
    [{ filter: ['{}', '{}'] }, ['filter']],
    [{ range: '[5]' }, ['range']],
    [{ range: '[-1,3]' }, ['range']],
    [{ range: '[0,100000]' }, ['range']],
    [{ sort: '["customerPhone","ASC"]' }, ['sort']],
    [{ sort: '["reference","SIDEWAYS"]' }, ['sort']],
    [{ filter: '{"orgUnitId":"abc"}', sort: 'nope' }, ['sort', 'orgUnitId']],
  ])('answers %j with a 400 naming %j', (query, fields) => {
    try {
      parseListQuery(query as Record<string, unknown>, COMPLAINT_LIST);
      throw new Error('expected a 400');
    } catch (err) {
      const body = (err as { getStatus(): number; getResponse(): { statusCode: number; details: { field: string }[] } }).getResponse();
      expect((err as { getStatus(): number }).getStatus()).toBe(400);
      expect(body.statusCode).toBe(400);
      expect(body.details.map((d) => d.field)).toEqual(fields);
    }
  });

  it('writes Content-Range with the real end of the page and the total', () => {
    const headers: Record<string, string> = {};
    const res = { setHeader: (k: string, v: string) => (headers[k] = v) } as never;
    sendList(res, 'complaints', { filter: {}, range: [50, 74], sort: ['receivedAt', 'DESC'] }, { items: [1, 2, 3], total: 53 });
    expect(headers['Content-Range']).toBe('complaints 50-52/53');
    sendList(res, 'complaints', { filter: {}, range: [0, 24], sort: ['receivedAt', 'DESC'] }, { items: [], total: 0 });
    expect(headers['Content-Range']).toBe('complaints 0-0/0');
  });
});
