/** The side-by-side diff of two policy versions as the API answers it (the service's `src/diff/` builds it). */
export type DiffRowChange = 'unchanged' | 'modified' | 'inserted' | 'deleted';
export const DIFF_CHANGE_LABELS: Record<DiffRowChange, { zh: string; en: string }> = {
  unchanged: { zh: '未改动', en: 'Unchanged' },
  modified: { zh: '修改', en: 'Modified' },
  inserted: { zh: '新增', en: 'Inserted' },
  deleted: { zh: '删除', en: 'Deleted' },
};
/** The parts a policy text is cut into for the diff (章/节/条). */
export const DIFF_UNIT_LABELS: Record<'heading' | 'chapter' | 'section' | 'article' | 'paragraph', { zh: string; en: string }> = {
  heading: { zh: '标题', en: 'Heading' },
  chapter: { zh: '章', en: 'Chapter' },
  section: { zh: '节', en: 'Section' },
  article: { zh: '条', en: 'Article' },
  paragraph: { zh: '段', en: 'Paragraph' },
};
/** A changed line's pieces: kept, added or removed words. */
export const DIFF_SEGMENT_LABELS: Record<'equal' | 'insert' | 'delete', { zh: string; en: string }> = {
  equal: { zh: '相同', en: 'Same' },
  insert: { zh: '增加', en: 'Added' },
  delete: { zh: '删除', en: 'Removed' },
};

export interface DiffUnitView {
  kind: 'heading' | 'chapter' | 'section' | 'article' | 'paragraph';
  /** 第五条, 第二章 …; null for headings and paragraphs. */
  label: string | null;
  number: number | null;
  body: string;
  line: number;
}

export interface DiffRowView {
  change: DiffRowChange;
  left: DiffUnitView | null;
  right: DiffUnitView | null;
  /** Both sides present and numbered differently (第五条 → 第六条). */
  renumbered: boolean;
  movedTo?: number;
  movedFrom?: number;
  /** For modified rows: equal + delete spell the left, equal + insert the right. */
  segments: { op: 'equal' | 'insert' | 'delete'; text: string }[] | null;
  similarity?: number;
}

export interface ArticleDiffView {
  rows: DiffRowView[];
  summary: Record<DiffRowChange, number> & { renumbered: number; moved: number };
}
