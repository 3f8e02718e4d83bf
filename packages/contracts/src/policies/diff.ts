/** The side-by-side diff of two policy versions as the API answers it (the service's `src/diff/` builds it). */
export type DiffRowChange = 'unchanged' | 'modified' | 'inserted' | 'deleted';

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
