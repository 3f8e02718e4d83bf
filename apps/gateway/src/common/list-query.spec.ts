import { describe, expect, it } from '@jest/globals';
import { parseListQuery, sendList } from './list-query.js';

describe('ra-data-simple-rest query parsing', () => {
  const sorts = ['receivedAt', 'reference'];

  it('parses filter, range and sort and drops empty filter values', () => {
    const q = parseListQuery({ filter: '{"status":"received","q":"","channel":[]}', range: '[25,49]', sort: '["reference","asc"]' }, sorts, ['receivedAt', 'DESC']);
    expect(q).toEqual({ filter: { status: 'received' }, range: [25, 49], sort: ['reference', 'ASC'] });
  });

  it('defaults to the first 25 rows and the default sort', () => {
    expect(parseListQuery({}, sorts, ['receivedAt', 'DESC'])).toEqual({ filter: {}, range: [0, 24], sort: ['receivedAt', 'DESC'] });
  });

  it('caps a page at 500 rows', () => {
    expect(parseListQuery({ range: '[0,100000]' }, sorts, ['receivedAt', 'DESC']).range).toEqual([0, 499]);
  });

  it.each([
    [{ filter: '{oops' }, 'filter'],
    [{ filter: '[1,2]' }, 'filter'],
    [{ range: '[5]' }, 'range'],
    [{ range: '[-1,3]' }, 'range'],
    [{ sort: '["customerPhone","ASC"]' }, 'sort'],
    [{ sort: '["reference","SIDEWAYS"]' }, 'sort'],
  ])('rejects %j with a 400 naming %s', (query, field) => {
    try {
      parseListQuery(query, sorts, ['receivedAt', 'DESC']);
      throw new Error('expected a 400');
    } catch (err) {
      const body = (err as { getResponse(): { statusCode: number; details: { field: string }[] } }).getResponse();
      expect(body.statusCode).toBe(400);
      expect(body.details[0].field).toBe(field);
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
