import { describe, expect, it } from '@jest/globals';
import { diffPolicyVersions, DiffRow } from './article-diff.js';
import { diffCharacters, DiffSegment, splitCharacters } from './char-diff.js';
import { parseChineseNumber, parsePolicy } from './policy-structure.js';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** Real-looking articles of a complaint-handling policy 《客户投诉管理办法》. */
const ARTICLES = [
  '为规范本行客户投诉处理工作，保护消费者合法权益，根据《银行保险机构消费者权益保护管理办法》等规定，制定本办法。',
  '本办法所称客户投诉，是指客户对本行提供的金融产品或者服务不满意，通过各种渠道提出的诉求。',
  '投诉处理应当遵循依法合规、便捷高效、标本兼治和多元化解的原则。',
  '消费者权益保护部门是本行投诉管理的牵头部门，负责投诉处理工作的统筹、督办和考核。',
  '各分支机构应当在营业场所显著位置公示投诉电话、投诉处理流程和时限。',
  '本行实行首问负责制，首位接待客户的员工应当受理投诉，不得推诿。',
  '受理投诉后，应当在十五日内作出处理决定并告知客户；情况复杂的，经审批可以延长至三十日。',
  '投诉处理完毕后，应当对客户进行回访，了解客户对处理结果的满意程度。',
  '对于典型投诉案例，应当开展根源分析，推动产品和服务改进。',
  '本办法由消费者权益保护部负责解释，自印发之日起施行。',
];

const article = (n: number, body: string) => `**第${NUMERALS[n]}条** ${body}`;
const policy = (bodies: string[], chapterBreak = 3) =>
  [
    '# 客户投诉管理办法',
    '',
    ...bodies.flatMap((body, k) => [
      ...(k === 0 ? ['## 第一章 总则', ''] : k === chapterBreak ? ['## 第二章 投诉受理与处理', ''] : []),
      article(k + 1, body),
      '',
    ]),
  ].join('\n');

/** Equal + delete must spell the left body, equal + insert the right one. */
const spell = (segments: DiffSegment[], side: 'left' | 'right') =>
  segments.filter((s) => s.op === 'equal' || s.op === (side === 'left' ? 'delete' : 'insert')).map((s) => s.text).join('');
const expectSpells = (r: DiffRow) => {
  expect(spell(r.segments as DiffSegment[], 'left')).toBe(r.left?.body);
  expect(spell(r.segments as DiffSegment[], 'right')).toBe(r.right?.body);
};

describe('parsePolicy (章/条 structure)', () => {
  it('reads chapters, articles in bold or as headings, numbers in Chinese numerals, and loose paragraphs', () => {
    const units = parsePolicy(
      ['# 办法', '', '前言一段。', '', '## 第一章　总则', '**第一条**　首条内容，', '续行。', '', '### 第十条之一 补充内容。', '第一百零五条 末条。', '', '## 附件'].join('\n'),
    );
    expect(units.map((u) => [u.kind, u.label, u.number, u.body])).toEqual([
      ['heading', null, null, '办法'],
      ['paragraph', null, null, '前言一段。'],
      ['chapter', '第一章', 1, '总则'],
      ['article', '第一条', 1, '首条内容，\n续行。'],
      ['article', '第十条之一', 10, '补充内容。'],
      ['article', '第一百零五条', 105, '末条。'],
      ['heading', null, null, '附件'],
    ]);
  });

  it('parses Chinese numerals', () => {
    expect(['十', '十一', '二十', '二十三', '一百', '一百零五', '一百一十', '一千零一', '12', '１２'].map(parseChineseNumber)).toEqual([
      10, 11, 20, 23, 100, 105, 110, 1001, 12, 12,
    ]);
    expect(parseChineseNumber('甲')).toBeNull();
  });
});

describe('diffPolicyVersions (制度版本比对)', () => {
  it('shows identical versions as unchanged rows', () => {
    const d = diffPolicyVersions(policy(ARTICLES), policy(ARTICLES));
    expect(d.rows.every((r) => r.change === 'unchanged' && !r.renumbered)).toBe(true);
    expect(d.summary).toMatchObject({ unchanged: 13, modified: 0, inserted: 0, deleted: 0 });
  });

  it('aligns renumbered articles by content after an insertion (第五条 → 第六条), not as a rewrite', () => {
    const inserted = '营业网点应当设置消费者权益保护宣传专区。';
    const after = [...ARTICLES.slice(0, 4), inserted, ...ARTICLES.slice(4)];
    const d = diffPolicyVersions(policy(ARTICLES), policy(after));
    const articles = d.rows.filter((r) => (r.left ?? r.right)?.kind === 'article');
    expect(articles.map((r) => [r.change, r.left?.label ?? null, r.right?.label ?? null])).toEqual([
      ['unchanged', '第一条', '第一条'],
      ['unchanged', '第二条', '第二条'],
      ['unchanged', '第三条', '第三条'],
      ['unchanged', '第四条', '第四条'],
      ['inserted', null, '第五条'],
      ['unchanged', '第五条', '第六条'],
      ['unchanged', '第六条', '第七条'],
      ['unchanged', '第七条', '第八条'],
      ['unchanged', '第八条', '第九条'],
      ['unchanged', '第九条', '第十条'],
      ['unchanged', '第十条', '第十一条'],
    ]);
    expect(d.summary).toMatchObject({ modified: 0, inserted: 1, deleted: 0, renumbered: 6 });
    expect(articles[5]).toMatchObject({ renumbered: true, segments: null });
    expect(articles[5].left?.body).toBe(articles[5].right?.body);
  });

  it('aligns after a deletion and shows a changed cross-reference inside a renumbered article as a one-character edit', () => {
    const after = [...ARTICLES.slice(0, 2), ...ARTICLES.slice(3, 9), ARTICLES[9].replace('自印发之日起施行', '自印发之日起施行，原第七条规定同时废止')];
    // The second chapter still starts before 第四条 (now 第三条).
    const d = diffPolicyVersions(policy(ARTICLES), policy(after, 2));
    expect(d.summary).toMatchObject({ deleted: 1, inserted: 0, modified: 1, moved: 0 });
    const deleted = d.rows.find((r) => r.change === 'deleted');
    expect(deleted?.left?.label).toBe('第三条');
    const modified = d.rows.find((r) => r.change === 'modified') as DiffRow;
    expect([modified.left?.label, modified.right?.label, modified.renumbered]).toEqual(['第十条', '第九条', true]);
    expect(modified.segments?.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '，原第七条规定同时废止' }]);
    expectSpells(modified);
  });

  it('diffs full-width punctuation as characters: ，→ ； is one replacement, ，→ , is a change, 《》 stay whole', () => {
    const after = [...ARTICLES];
    after[6] = ARTICLES[6].replace('并告知客户；', '并告知客户，'); // ； → ，
    after[1] = ARTICLES[1].replace('不满意，', '不满意,'); // full-width → half-width comma
    after[0] = ARTICLES[0].replace('《银行保险机构消费者权益保护管理办法》', '《银行保险机构消费者权益保护管理办法》《金融消费者权益保护实施办法》');
    const d = diffPolicyVersions(policy(ARTICLES), policy(after));
    const modified = d.rows.filter((r) => r.change === 'modified');
    expect(modified.map((r) => r.left?.label)).toEqual(['第一条', '第二条', '第七条']);
    expect(modified.map((r) => r.segments?.filter((s) => s.op !== 'equal'))).toEqual([
      [{ op: 'insert', text: '《金融消费者权益保护实施办法》' }],
      [
        { op: 'delete', text: '，' },
        { op: 'insert', text: ',' },
      ],
      [
        { op: 'delete', text: '；' },
        { op: 'insert', text: '，' },
      ],
    ]);
    modified.forEach(expectSpells);
  });

  it('never splits a surrogate pair: 𠮷 (U+20BB7) against 𠮶 (U+20BB6), which share a high surrogate', () => {
    const segments = diffCharacters('客户𠮷先生来电投诉', '客户𠮶先生来电投诉');
    expect(segments).toEqual([
      { op: 'equal', text: '客户' },
      { op: 'delete', text: '𠮷' },
      { op: 'insert', text: '𠮶' },
      { op: 'equal', text: '先生来电投诉' },
    ]);
    // And through the whole pipeline, with an astral character inserted inside an article.
    const after = [...ARTICLES];
    after[7] = ARTICLES[7].replace('对客户进行回访', '对客户（如𠮷先生）进行回访');
    const d = diffPolicyVersions(policy(ARTICLES), policy(after));
    const modified = d.rows.find((r) => r.change === 'modified') as DiffRow;
    expect(modified.segments?.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '（如𠮷先生）' }]);
    for (const r of d.rows) for (const s of r.segments ?? []) expect(s.text).not.toMatch(LONE_SURROGATE);
    expectSpells(modified);
  });

  it('keeps combining marks and ideographic variation sequences with their character', () => {
    expect(splitCharacters('葛\u{E0100}城e\u0301𠮷')).toEqual(['葛\u{E0100}', '城', 'e\u0301', '𠮷']);
    expect(diffCharacters('葛\u{E0100}城', '葛城')).toEqual([
      { op: 'delete', text: '葛\u{E0100}' },
      { op: 'insert', text: '葛' },
      { op: 'equal', text: '城' },
    ]);
  });

  it('folds coincidental one-character equalities into the edit (十五日 → 三十日 reads as one replacement)', () => {
    expect(diffCharacters('应当在十五日内作出处理决定', '应当在三十日内作出处理决定')).toEqual([
      { op: 'equal', text: '应当在' },
      { op: 'delete', text: '十五' },
      { op: 'insert', text: '三十' },
      { op: 'equal', text: '日内作出处理决定' },
    ]);
  });

  it('shows a rewritten article as deleted and inserted, and a moved one as moved', () => {
    const after = [...ARTICLES];
    after[2] = '本行建立投诉数据分析制度，按季度向董事会报告投诉情况。';
    // Move the last article to the front.
    const moved = [after[9], ...after.slice(0, 9)];
    const d = diffPolicyVersions(policy(ARTICLES, 99), policy(moved, 99));
    const rewritten = d.rows.filter((r) => r.change === 'deleted' || r.change === 'inserted');
    expect(rewritten.map((r) => [r.change, (r.left ?? r.right)?.body.slice(0, 6)])).toEqual(
      expect.arrayContaining([
        ['deleted', '投诉处理应当'],
        ['inserted', '本行建立投诉'],
        ['inserted', '本办法由消费'],
        ['deleted', '本办法由消费'],
      ]),
    );
    const movedRows = d.rows.filter((r) => r.movedFrom !== undefined || r.movedTo !== undefined);
    expect(movedRows).toHaveLength(2);
    const from = movedRows.find((r) => r.movedTo !== undefined) as DiffRow;
    expect(d.rows[from.movedTo as number].movedFrom).toBe(d.rows.indexOf(from));
    expect(d.summary.moved).toBe(1);
  });

  it.each([
    // Edited inside: the unchanged openings anchor the articles.
    ['anchored by their openings', (b: string) => b.replace('。', '，并报告总行。')],
    // Edited at the start: no opening matches, the banded programme pairs them.
    ['paired near the diagonal', (b: string) => `（修订）${b}`],
  ])('aligns a large gap (every article edited, one inserted in front): %s', (_name, edit) => {
    const bodies = Array.from({ length: 60 }, (_, k) => `${ARTICLES[k % 10]}${ARTICLES[(k * 3 + 1) % 10]}（${k}）`);
    const numbered = (list: string[]) => list.map((body, k) => `第${k + 1}条 ${body}`).join('\n');
    const edited = bodies.map(edit);
    const d = diffPolicyVersions(numbered(bodies), numbered(['新增一条：营业网点应当设置消费者权益保护宣传专区。', ...edited]));
    expect(d.summary).toMatchObject({ modified: 60, inserted: 1, deleted: 0, renumbered: 60 });
    const modified = d.rows.filter((r) => r.change === 'modified');
    modified.forEach((r, k) => {
      expect([r.left?.number, r.right?.number]).toEqual([k + 1, k + 2]);
      expect(r.right?.body).toBe(edited[k]);
      expectSpells(r);
    });
  });

  it('pairs a renamed chapter as modified and keeps its articles unchanged', () => {
    const before = policy(ARTICLES);
    const after = before.replace('## 第二章 投诉受理与处理', '## 第二章 投诉的受理与处理');
    const d = diffPolicyVersions(before, after);
    const chapter = d.rows.find((r) => r.change === 'modified') as DiffRow;
    expect(chapter.left).toMatchObject({ kind: 'chapter', label: '第二章', body: '投诉受理与处理' });
    expect(chapter.segments?.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '的' }]);
    expect(d.summary).toMatchObject({ modified: 1, unchanged: 12 });
  });
});
