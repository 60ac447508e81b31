import Database from 'better-sqlite3';
import type { StoreData } from '../src/data/schema.js';

/**
 * The same data in SQLite with the indexes a careful engineer would add, and the same queries the
 * commands run, so our in-memory store can be compared with it.
 */
export function sqliteBaseline(data: StoreData) {
  const db = new Database(':memory:');
  db.exec(`
    create table events (id text primary key, story_id text, occurred_at text, sort_key text, created_at text, title text, summary text,
      significance integer, status text, side_ids text);
    create table event_sides (event_id text, side_id text);
    create table statements (id text primary key, story_id text, side_id text, said_at text, speaker text, quote text);
    create index events_timeline on events (story_id, status, sort_key, created_at, id);
    create index events_significance on events (story_id, status, significance, sort_key);
    create index event_sides_side on event_sides (side_id, event_id);
    create index statements_side on statements (story_id, side_id, said_at);
    create virtual table search using fts5 (kind, ref, title, body, tokenize = 'porter unicode61');
  `);
  const insertEvent = db.prepare('insert into events values (?,?,?,?,?,?,?,?,?,?)');
  const insertSide = db.prepare('insert into event_sides values (?,?)');
  const insertStatement = db.prepare('insert into statements values (?,?,?,?,?,?)');
  const insertSearch = db.prepare('insert into search values (?,?,?,?)');
  db.transaction(() => {
    for (const e of data.events) {
      insertEvent.run(e.id, e.storyId, e.occurredAt, `${e.occurredAt}~`, e.createdAt, e.title, e.summary, e.significance, e.status, e.sideIds.join(','));
      for (const side of e.sideIds) insertSide.run(e.id, side);
      insertSearch.run('event', e.id, e.title, e.summary);
    }
    for (const s of data.statements) {
      insertStatement.run(s.id, s.storyId, s.sideId, s.saidAt, s.speaker, s.quote);
      insertSearch.run('statement', s.id, s.speaker, s.quote);
    }
  })();

  const timeline = db.prepare(
    "select * from events where story_id = ? and status != 'retracted' order by sort_key, created_at, id limit 10 offset ?",
  );
  const timelineBySide = db.prepare(
    "select e.* from events e join event_sides s on s.event_id = e.id where e.story_id = ? and s.side_id = ? and e.status != 'retracted' order by e.sort_key limit 10",
  );
  const developments = db.prepare(
    "select * from events where story_id = ? and status != 'retracted' order by significance desc, sort_key desc limit 5",
  );
  const statementsBySide = db.prepare('select * from statements where story_id = ? and side_id = ? order by said_at desc limit 8');
  const search = db.prepare('select kind, ref from search where search match ? order by rank limit 8');
  return {
    timeline: (storyId: string, page: number) => timeline.all(storyId, (page - 1) * 10),
    timelineBySide: (storyId: string, sideId: string) => timelineBySide.all(storyId, sideId),
    developments: (storyId: string) => developments.all(storyId),
    statementsBySide: (storyId: string, sideId: string) => statementsBySide.all(storyId, sideId),
    search: (query: string) => search.all(`${query}*`),
    close: () => db.close(),
  };
}
