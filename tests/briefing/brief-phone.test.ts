import { describe, expect, it } from 'vitest';
import { composeBriefing, sideStands, wordCount } from '../../src/briefing/query/briefing.js';
import { storyLookup } from '../../src/briefing/query/story-lookup.js';
import { FIRST_MESSAGE_VISIBLE, MAX_BULLET_WORDS, MAX_BULLETS, renderBriefFirst, renderBriefSection, BRIEF_SECTIONS, type BriefView } from '../../src/briefing/render/brief.js';
import { disputeLine } from '../../src/briefing/render/disputes.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import { unmarked, visibleLength } from '../../src/briefing/reply/visible.js';
import { briefIds } from '../../src/commands/brief.js';
import { bundledStoreData } from '../../src/data/seed.js';
import type { Position, Statement, StoreData } from '../../src/data/schema.js';
import { messagesFor } from '../../src/i18n/index.js';
import { syntheticStore } from '../../bench/synthetic-store.js';

const viewOf = (data: StoreData, language: 'en' | 'ur' | 'fa' = 'en'): BriefView => {
  const story = data.stories[0]!;
  return { briefing: composeBriefing(data, story), lookup: storyLookup(data, story), m: messagesFor(language), corrections: [], correctionDays: 7 };
};

/** The bullets of a first message: its lines starting "• ". */
const bulletsOf = (description: string) => description.split('\n').filter((line) => line.startsWith('• '));

function expectPhoneShape(data: StoreData, language: 'en' | 'ur' | 'fa' = 'en') {
  const reply = renderBriefFirst(viewOf(data, language), briefIds(data.stories[0]!.id));
  expect(limitViolations(reply)).toEqual([]);
  expect(visibleLength(reply)).toBeLessThanOrEqual(FIRST_MESSAGE_VISIBLE);
  const bullets = bulletsOf(reply.embeds![0]!.description!);
  expect(bullets.length).toBeGreaterThan(0);
  expect(bullets.length).toBeLessThanOrEqual(MAX_BULLETS);
  for (const bullet of bullets) expect(wordCount(unmarked(bullet).replace(/\[\d+\]/g, ''))).toBeLessThanOrEqual(MAX_BULLET_WORDS);
  return reply;
}

describe('/brief leads with what we know', () => {
  it('the bundled story: five bullets of at most 25 words, one line per side, within 1,200 visible characters, buttons for the rest', async () => {
    const data = await bundledStoreData();
    const reply = expectPhoneShape(data);
    const description = reply.embeds![0]!.description!;
    expect(bulletsOf(description)).toEqual([
      '• 10 developments, 2019 – 18 Jan 2024 · 5 disputed questions · 2 sources',
      "• **18 Jan 2024** — Pakistan strikes targets in Iran's Sistan and Baluchistan province [1][2] · ⚠️ disputed",
      "• **Toll** — Who was killed in Pakistan's strikes? **Killed:** at least 9 people — Middle East Monitor · **Casualties:** heavy — Iran, via World News DESK [1][2]",
      "• **Disputed** — **What did Pakistan's strikes target?** Baloch separatist groups — Pakistan; Baloch separatist groups · civilian areas and infrastructure — Iran (⚠️ accounts conflict) [1][2]",
      "• **16 Jan 2024** — Iran strikes Jaish al-Adl in Pakistan's Balochistan province [1][2]",
    ]);
    expect(description).toContain("**Pakistan**: Pakistan says its strikes targeted Baloch separatist hideouts in Iran, and calls Iran a brotherly country. [2]");
    const labels = reply.components!.flatMap((row) => row.components.map((button) => ('label' in button ? button.label : '')));
    expect(labels).toEqual(['Developments', 'Disputes', 'Timeline', 'Sources', 'Pakistan', 'Iran', 'Baloch separatist groups', 'Independent analysts']);
  });

  it('in Urdu and Persian too, within the limits', async () => {
    const data = await bundledStoreData();
    expectPhoneShape(data, 'ur');
    expectPhoneShape(data, 'fa');
  });

  it('a 1k-event story, and stories with very long titles, summaries, positions and 25 sides, stay within 1,200 visible characters', async () => {
    expectPhoneShape(syntheticStore(1000));
    const data = syntheticStore(200);
    const long = (seed: string, words: number) => Array.from({ length: words }, (_, i) => `${seed}${i}longword`).join(' ');
    const story = data.stories[0]!;
    const sides = Array.from({ length: 25 }, (_, i) => ({ id: `side-${i}`, name: `${long('Side', 8)} ${i}`.slice(0, 100), aliases: [] }));
    data.stories[0] = { ...story, title: long('Title', 40).slice(0, 200), sides };
    data.events = data.events.map((event, i) => ({ ...event, title: long(`E${i}`, 30).slice(0, 200), sideIds: [], actorIds: [] }));
    data.actors = [];
    data.statements = data.statements.map((statement, i) => ({ ...statement, actorId: undefined, sideId: sides[i % 25]!.id, quote: long('Q', 60), speaker: long('Speaker', 10).slice(0, 150) }));
    data.claims = data.claims.map((claim) => ({ ...claim, question: long('Question', 30).slice(0, 200), accounts: claim.accounts.map((account, j) => ({ ...account, sideId: sides[j]!.id, position: long('P', 10).slice(0, 80) })) }));
    data.positions = sides.slice(0, 12).map((side, i): Position => ({
      id: `position-${i}`,
      storyId: story.id,
      sideId: side.id,
      text: long('Pos', 40).slice(0, 300),
      statementId: data.statements.find((statement) => statement.sideId === side.id)!.id,
      createdAt: '2024-01-01T00:00:00Z',
      createdBy: 'test',
    }));
    const reply = expectPhoneShape(data);
    // Twenty side buttons at most: the last is "All sides", which opens every side's line.
    const labels = reply.components!.flatMap((row) => row.components.map((button) => ('label' in button ? button.label : '')));
    expect(labels.at(-1)).toBe('All sides');
    const ids = briefIds(story.id);
    for (const section of BRIEF_SECTIONS.filter((candidate) => candidate !== 'side')) {
      expect(limitViolations(renderBriefSection(viewOf(data), section, 1, ids))).toEqual([]);
    }
  });

  it('every section of the bundled story opens, paged, within the limits, with a way back', async () => {
    const data = await bundledStoreData();
    const view = viewOf(data);
    const ids = briefIds(data.stories[0]!.id);
    for (const section of ['developments', 'disputes', 'timeline', 'sources', 'sides'] as const) {
      const reply = renderBriefSection(view, section, 1, ids);
      expect(limitViolations(reply)).toEqual([]);
      const customIds = reply.components!.flatMap((row) => row.components.map((button) => ('custom_id' in button ? button.custom_id : '')));
      expect(customIds).toContain(ids.back());
    }
    const disputes = renderBriefSection(view, 'disputes', 1, ids).embeds![0]!.description!;
    expect(disputes).toContain(
      "**Whom did Iran summon after Pakistan's strikes?** Pakistani chargé d'affaires — PressTV, via Middle East Monitor · Pakistani ambassador — World News DESK (⚠️ accounts conflict)",
    );
    expect(disputes).toContain('accounts differ in detail');
  });
});

describe('where each side stands', () => {
  const side = { id: 'a', name: 'A', aliases: [] };
  const statement = (id: string, quote: string): Statement => ({ id, storyId: 's', sideId: 'a', speaker: 'A', quote, saidAt: '2024-01-01', precision: 'day', sourceIds: ['x'] });
  const story = { id: 's', title: 'S', summary: 'S', sides: [side], createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' };
  const position: Position = { id: 'p', storyId: 's', sideId: 'a', text: 'A says so.', statementId: 'q1', createdAt: '2024-01-01T00:00:00Z', createdBy: 'm' };

  it('a fragment of fewer than four words never stands as a side’s position', () => {
    const fragment = statement('q1', 'unilateral action');
    expect(sideStands(story, [], new Map([['a', fragment]]), new Map())).toEqual([{ side, kind: 'none' }]);
    const three = statement('q2', 'heavy casualties, damages');
    expect(sideStands(story, [], new Map([['a', three]]), new Map())[0]!.kind).toBe('none');
    const four = statement('q3', 'heavy casualties and damages');
    expect(sideStands(story, [], new Map([['a', four]]), new Map())).toEqual([{ side, kind: 'latest', statement: four }]);
  });

  it('a written position stands first, with its supporting statement; a retracted one does not', () => {
    const fragment = statement('q1', 'unilateral action');
    expect(sideStands(story, [position], new Map([['a', fragment]]), new Map([['q1', fragment]]))).toEqual([{ side, kind: 'position', position, statement: fragment }]);
    const retracted = { ...position, retraction: { at: '2024-01-02T00:00:00Z', by: 'm', reason: 'wrong' } };
    expect(sideStands(story, [retracted], new Map([['a', fragment]]), new Map())[0]!.kind).toBe('none');
  });
});

describe('disputes, compactly', () => {
  it('one line per question: each position with its claimants, the kind shown', () => {
    const sides = new Map([['pk', { name: 'Pakistan' }]]);
    const outlets = new Map([['memo', 'Middle East Monitor'], ['wnd', 'World News DESK']]);
    const claim = {
      question: 'Who did Iran summon?',
      kind: 'conflict' as const,
      accounts: [
        { position: "chargé d'affaires", text: '…', sourceId: 'memo', via: 'PressTV, via Middle East Monitor' },
        { position: 'ambassador', text: '…', sourceId: 'wnd' },
        { position: 'ambassador', text: '…', sourceId: 'memo', sideId: 'pk' },
      ],
    };
    expect(disputeLine(claim, sides, outlets)).toBe(
      "**Who did Iran summon?** chargé d'affaires — PressTV, via Middle East Monitor · ambassador — World News DESK; Pakistan, via Middle East Monitor (⚠️ accounts conflict)",
    );
    expect(disputeLine({ ...claim, kind: 'detail' }, sides, outlets, messagesFor('en'), { full: false })).toBe(
      "**Who did Iran summon?** chargé d'affaires — PressTV, via Middle East Monitor · ambassador — World News DESK; Pakistan (accounts differ in detail)",
    );
  });
});

describe('visible characters', () => {
  it('count what Discord shows: markup removed, escapes as their character, timestamps as rendered, no directional controls', () => {
    expect(unmarked('**bold** __under__ *it* `code` ~~gone~~ ||spoiler||')).toBe('bold under it code gone spoiler');
    expect(unmarked('-# small\n> quoted\n# Heading')).toBe('small\nquoted\nHeading');
    expect(unmarked('a \\*star\\* and Pakistan\\_s')).toBe('a *star* and Pakistan_s');
    expect(unmarked('[label](https://example.org/x) <https://example.org>')).toBe('label https://example.org');
    expect(unmarked('<t:1705536000:R> <t:1705536000:d> <t:1705536000>').length).toBe(12 + 1 + 10 + 1 + 25);
    expect(unmarked('\u2068Iran\u2069')).toBe('Iran');
    expect(visibleLength({ content: 'ab', embeds: [{ title: '**T**', description: 'x\ny', footer: { text: 'f' } }] })).toBe(6);
  });
});
