import Database from 'better-sqlite3';
import { foldText } from '../../text/fold.js';
import { wordsOf } from './words.js';

/** What is searched in a document; a match in the title weighs 3, in people 1.5, in the text 1. */
export interface Fields {
  title: string;
  text: string;
  people: string;
}

export interface Match {
  rowid: number;
  /** Higher is better (FTS5's bm25, which is lower-is-better, negated). */
  score: number;
}

/** How long records are added before letting the event loop run (see `load`); committing them takes about as long again. */
const SLICE_MS = 12;

/**
 * A full-text index in an in-memory SQLite database (FTS5). The table is contentless: SQLite keeps
 * only the index, and the index keeps, per row, the kind and the record it was made from (the
 * store's own frozen object, not a copy), so a hit's document is made again only when it is shown.
 * Close it when it is dropped: its memory is outside the JavaScript heap.
 */
export class FtsIndex<K extends string, R extends { id: string }> {
  private readonly db = new Database(':memory:');
  private readonly insertRow;
  private readonly deleteRow;
  private readonly matchRows;
  /** rowid → the kind and record it indexes; rowids are never reused for another record. */
  private readonly kinds: (K | undefined)[] = [undefined];
  private readonly records: (R | undefined)[] = [undefined];
  /** kind → record id → rowid. */
  private readonly rowids = new Map<K, Map<string, number>>();
  /** Every word in the index (and some no longer in it), for finding what a typo was meant to be. */
  readonly vocabulary = new Set<string>();

  constructor() {
    this.db.exec(`
      create virtual table docs using fts5(title, text, people, content='', contentless_delete=1,
        tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'");
      create virtual table words using fts5vocab(docs, row);
    `);
    this.insertRow = this.db.prepare<[number, string, string, string]>('insert into docs (rowid, title, text, people) values (?, ?, ?, ?)');
    this.deleteRow = this.db.prepare<[number]>('delete from docs where rowid = ?');
    this.matchRows = this.db.prepare<[string, number], { rowid: number; rank: number }>(
      'select rowid, bm25(docs, 3.0, 1.0, 1.5) as rank from docs where docs match ? order by rank limit ?',
    );
  }

  /**
   * Adds many records (a large story takes a few seconds) in slices of about 25 ms, yielding after
   * each so the caller can let the event loop run; then reads the vocabulary the same way.
   */
  *load(entries: Iterable<readonly [K, R, Fields]>): Generator<void> {
    let sliceEnds = performance.now() + SLICE_MS;
    this.db.exec('begin');
    try {
      for (const [kind, record, fields] of entries) {
        this.insert(kind, record, fields);
        if (performance.now() < sliceEnds) continue;
        this.db.exec('commit');
        yield;
        this.db.exec('begin');
        sliceEnds = performance.now() + SLICE_MS;
      }
      this.db.exec('commit');
    } finally {
      if (this.db.inTransaction) this.db.exec('rollback');
    }
    // The words as the tokenizer cut them; a cursor over them stays open across the slices.
    for (const word of this.db.prepare('select term from words').pluck().iterate() as IterableIterator<string>) {
      this.vocabulary.add(word);
      if (performance.now() < sliceEnds) continue;
      yield;
      sliceEnds = performance.now() + SLICE_MS;
    }
  }

  /** Adds a record, or replaces what was indexed for it. */
  put(kind: K, record: R, fields: Fields): void {
    const rowid = this.rowidsOf(kind).get(record.id);
    if (rowid !== undefined) this.deleteRow.run(rowid);
    this.insert(kind, record, fields, rowid);
    for (const field of [fields.title, fields.text, fields.people]) for (const word of wordsOf(field)) this.vocabulary.add(word);
  }

  remove(kind: K, id: string): void {
    const rowid = this.rowidsOf(kind).get(id);
    if (rowid === undefined) return;
    this.deleteRow.run(rowid);
    this.rowidsOf(kind).delete(id);
    this.kinds[rowid] = undefined;
    this.records[rowid] = undefined;
  }

  /** Runs `changes` as one transaction (many changes at once cost far less). */
  transaction(changes: () => void): void {
    this.db.transaction(changes)();
  }

  /** The best `limit` rows for an FTS5 MATCH expression, best first; equal scores in a fixed order (kind, then id). */
  match(expression: string, limit: number): Match[] {
    return this.matchRows
      .all(expression, limit)
      .map(({ rowid, rank }) => ({ rowid, score: -rank }))
      .sort((a, b) => b.score - a.score || this.compareKeys(a.rowid, b.rowid));
  }

  /** The kind and record a row indexes. */
  entry(rowid: number): [K, R] {
    return [this.kinds[rowid]!, this.records[rowid]!];
  }

  close(): void {
    this.db.close();
  }

  private insert(kind: K, record: R, fields: Fields, rowid = this.records.length): void {
    this.insertRow.run(rowid, foldText(fields.title), foldText(fields.text), foldText(fields.people));
    this.rowidsOf(kind).set(record.id, rowid);
    this.kinds[rowid] = kind;
    this.records[rowid] = record;
  }

  private rowidsOf(kind: K): Map<string, number> {
    let rowids = this.rowids.get(kind);
    if (!rowids) this.rowids.set(kind, (rowids = new Map()));
    return rowids;
  }

  private compareKeys(a: number, b: number): number {
    const [kindA, idA] = [this.kinds[a]!, this.records[a]!.id];
    const [kindB, idB] = [this.kinds[b]!, this.records[b]!.id];
    return kindA < kindB ? -1 : kindA > kindB ? 1 : idA < idB ? -1 : idA > idB ? 1 : 0;
  }
}
