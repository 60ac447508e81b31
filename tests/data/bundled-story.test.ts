import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, parseStoryBundle } from '../../src/data/bundle.js';
import { isValidCalendarDate, precisionOfDate } from '../../src/data/dates.js';
import type { StoryBundle } from '../../src/data/schema.js';
import { REPORT_FILE_BY_SOURCE } from '../../src/data/source-quotes.js';

const BUNDLE_FILE = new URL('../../src/data/stories/iran-pakistan-2024.json', import.meta.url);
const REQUIRED_SIDES = ['pakistan', 'iran', 'baloch-separatists', 'jaish-al-adl', 'us', 'analysts'];
const LOADED_WORDS = /\b(terrorists?|terrorism|martyr(?:s|ed|dom)?|aggression)\b/i;

function loadRawBundle(): unknown {
  return JSON.parse(readFileSync(BUNDLE_FILE, 'utf8'));
}

/** Quotation marks used as quotes: any double quote, any opening ‘, or a straight 'quoted' phrase. */
function hasQuotationMarks(text: string): boolean {
  return /["“”‘]/.test(text) || /(?:^|[\s([])'[^']+'/.test(text);
}

function parse(): StoryBundle {
  try {
    return parseStoryBundle(loadRawBundle());
  } catch (error) {
    if (error instanceof z.ZodError) throw new Error(`bundle does not parse:\n${describeIssues(error, 50).join('\n')}`);
    throw error;
  }
}

describe('bundled story iran-pakistan-2024', () => {
  let bundle: StoryBundle;

  beforeAll(() => {
    bundle = parse();
  });

  it('parses with parseStoryBundle', () => {
    expect(() => parse()).not.toThrow();
    expect(bundle.story.id).toBe('iran-pakistan-2024');
  });

  it('maps every source to its report for `npm run check:sources` (the reports themselves are not in the project)', () => {
    expect(bundle.sources.map((source) => source.id).sort()).toEqual(Object.keys(REPORT_FILE_BY_SOURCE).sort());
  });

  it('has the required sides, with typo-tolerant aliases', () => {
    const sides = new Map(bundle.story.sides.map((side) => [side.id, side]));
    for (const id of REQUIRED_SIDES) expect(sides.has(id), `side "${id}"`).toBe(true);
    expect(sides.get('baloch-separatists')!.aliases).toEqual(
      expect.arrayContaining(['BLA', 'BLF', 'Balochistan Liberation Army', 'Balochistan Liberation Front']),
    );
    expect(sides.get('pakistan')!.aliases).toContain('Islamabad');
    expect(sides.get('iran')!.aliases).toEqual(expect.arrayContaining(['Tehran', 'IRGC']));
  });

  it('keeps every item in the story', () => {
    const storyId = bundle.story.id;
    for (const item of [...bundle.actors, ...bundle.sources, ...bundle.events, ...bundle.statements, ...bundle.claims]) {
      expect(item.storyId, item.id).toBe(storyId);
    }
  });

  it('resolves every reference', () => {
    const sideIds = new Set(bundle.story.sides.map((side) => side.id));
    const sourceIds = new Set(bundle.sources.map((source) => source.id));
    const eventIds = new Set(bundle.events.map((event) => event.id));
    const actorIds = new Set(bundle.actors.map((actor) => actor.id));

    for (const actor of bundle.actors) expect(sideIds.has(actor.sideId), `actor ${actor.id} side`).toBe(true);
    for (const event of bundle.events) {
      for (const id of event.sourceIds) expect(sourceIds.has(id), `event ${event.id} source ${id}`).toBe(true);
      for (const id of event.sideIds) expect(sideIds.has(id), `event ${event.id} side ${id}`).toBe(true);
      for (const id of event.actorIds) expect(actorIds.has(id), `event ${event.id} actor ${id}`).toBe(true);
    }
    for (const statement of bundle.statements) {
      expect(statement.eventId, `statement ${statement.id} has an event`).toBeDefined();
      expect(eventIds.has(statement.eventId!), `statement ${statement.id} event ${statement.eventId}`).toBe(true);
      expect(sideIds.has(statement.sideId), `statement ${statement.id} side`).toBe(true);
      if (statement.actorId) expect(actorIds.has(statement.actorId), `statement ${statement.id} actor`).toBe(true);
      for (const id of statement.sourceIds) expect(sourceIds.has(id), `statement ${statement.id} source ${id}`).toBe(true);
    }
    for (const claim of bundle.claims) {
      if (claim.eventId) expect(eventIds.has(claim.eventId), `claim ${claim.id} event`).toBe(true);
      for (const account of claim.accounts) {
        expect(sourceIds.has(account.sourceId), `claim ${claim.id} source ${account.sourceId}`).toBe(true);
        if (account.sideId) expect(sideIds.has(account.sideId), `claim ${claim.id} side ${account.sideId}`).toBe(true);
      }
    }
  });

  it('cites at least one source for every event', () => {
    for (const event of bundle.events) expect(event.sourceIds.length, event.id).toBeGreaterThanOrEqual(1);
  });

  it('dates everything validly, at a matching precision and never to the minute', () => {
    const dated: Array<[string, string, string | undefined]> = [
      ...bundle.events.map((event): [string, string, string] => [`event ${event.id}`, event.occurredAt, event.precision]),
      ...bundle.statements.map((statement): [string, string, string] => [`statement ${statement.id}`, statement.saidAt, statement.precision]),
      ...bundle.sources
        .filter((source) => source.publishedAt !== undefined)
        .map((source): [string, string, string | undefined] => [`source ${source.id}`, source.publishedAt!, source.publishedPrecision]),
    ];
    for (const [label, date, precision] of dated) {
      expect(isValidCalendarDate(date), `${label}: ${date}`).toBe(true);
      expect(precisionOfDate(date), `${label}: ${date}`).toBe(precision);
      expect(precision, label).not.toBe('minute');
    }
    for (const event of bundle.events) {
      expect(event.dateBasis, `event ${event.id} explains its date`).toBeTruthy();
      expect(event.revision, event.id).toBe(1);
      expect(event.createdBy, event.id).toBe('seed');
    }
  });

  it('places the sources as the reports allow', () => {
    const memo = bundle.sources.find((source) => source.id === 'memo-2024-01-18')!;
    expect(memo).toMatchObject({ outlet: 'Middle East Monitor', publishedAt: '2024-01-18', publishedPrecision: 'day' });
    expect(memo.note).toContain('11:26 am');
    const desk = bundle.sources.find((source) => source.id === 'world-news-desk')!;
    expect(desk.outlet).toBe('World News DESK');
    expect(desk.publishedAt).toBeUndefined();
    expect(desk.publishedPrecision).toBeUndefined();
    expect(desk.note).toMatch(/Thursday/);
    for (const source of bundle.sources) expect(source.url, source.id).toBeUndefined();
  });

  it('backs every disputed claim with two sources or two sides', () => {
    for (const claim of bundle.claims.filter((candidate) => candidate.kind === 'conflict')) {
      const sources = new Set(claim.accounts.map((account) => account.sourceId));
      const sides = new Set(claim.accounts.flatMap((account) => (account.sideId ? [account.sideId] : [])));
      expect(sources.size >= 2 || sides.size >= 2, `claim ${claim.id}`).toBe(true);
    }
  });

  it('writes event titles and summaries in neutral words without quotation marks', () => {
    const texts: Array<[string, string]> = [
      ['story title', bundle.story.title],
      ['story summary', bundle.story.summary],
      ...bundle.events.flatMap((event): Array<[string, string]> => [
        [`event ${event.id} title`, event.title],
        [`event ${event.id} summary`, event.summary],
      ]),
    ];
    for (const [label, text] of texts) {
      expect(hasQuotationMarks(text), `${label} has quotation marks: ${text}`).toBe(false);
      expect(text, `${label} uses a loaded word`).not.toMatch(LOADED_WORDS);
    }
  });

  it('rates the two strikes at the top of the scale', () => {
    const events = new Map(bundle.events.map((event) => [event.id, event]));
    expect(events.get('iran-strikes-balochistan')).toMatchObject({ occurredAt: '2024-01-16', precision: 'day', significance: 5 });
    expect(events.get('pakistan-strikes-sistan-baluchistan')).toMatchObject({ occurredAt: '2024-01-18', precision: 'day', significance: 5 });
  });
});
