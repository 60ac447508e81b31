import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { serverStoryCandidates } from '../../src/briefing/search/candidates.js';
import { resolveStory } from '../../src/briefing/query/queries.js';
import { BUNDLE_SCHEMA_PATH, bundleJsonSchema } from '../../src/data/bundle-schema.js';
import { draftOf } from '../../src/data/draft.js';
import { slugify } from '../../src/data/ids.js';
import { StorySchema, type StoreData } from '../../src/data/schema.js';
import {
  ARCHIVED_PAUSE_REASON,
  archivedStories,
  createStory,
  listedStories,
  parseSides,
  setArchived,
  StoryFormError,
  storyFromForm,
  storyTimeZone,
  uniqueSlug,
} from '../../src/data/story-admin.js';
import { importConflicts } from '../../src/data/story-transfer.js';
import { breakingTargets } from '../../src/schedule/breaking.js';
import { parseBundleText } from '../../src/commands/story-import.js';
import { commands } from '../../src/commands/index.js';
import { runCommand } from '../../src/commands/shared.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';
import { testSchedule } from '../fixtures/schedule.js';
import { testEvent, testSource, testStoreData, testStory } from '../fixtures/story.js';

const GUILD = '900000000000000001';
const OTHER_GUILD = '900000000000000002';
const NOW = new Date('2024-02-01T10:00:00Z');
const author = { userId: '600000000000000001', userName: 'mod', guildId: GUILD, now: NOW };

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof StoryFormError) return error.problems;
    throw error;
  }
  return [];
};

describe('slugs for story and side ids', () => {
  it('makes a lower-case slug of at most 40 characters, accents dropped', () => {
    expect(slugify('Iran–Pakistan strikes, January 2024')).toBe('iran-pakistan-strikes-january-2024');
    expect(slugify('  Côte d’Ivoire: élections ')).toBe('cote-d-ivoire-elections');
    expect(slugify('A'.repeat(60))).toHaveLength(40);
    expect(slugify('a '.repeat(30))).not.toMatch(/-$/);
    expect(slugify('ایران و پاکستان')).toBe('');
  });

  it('is unique: -2, -3 … within 40 characters, and a fallback when the text has no latin letters', () => {
    expect(uniqueSlug('Floods', new Set(['floods']), 'story')).toBe('floods-2');
    expect(uniqueSlug('Floods', new Set(['floods', 'floods-2']), 'story')).toBe('floods-3');
    const long = 'x'.repeat(40);
    expect(uniqueSlug(long, new Set([long]), 'story')).toBe(`${'x'.repeat(38)}-2`);
    expect(uniqueSlug('ایران', new Set(), 'story')).toBe('story');
    expect(uniqueSlug('ایران', new Set(['story']), 'story')).toBe('story-2');
  });
});

describe('the sides field: one side a line, "Name: alias, alias"', () => {
  it('reads names, aliases and blank lines', () => {
    expect(parseSides('Iran: Tehran, Iranian\n\n  Pakistan : Islamabad ,Pakistani, \nBaloch separatist groups')).toEqual([
      { id: 'iran', name: 'Iran', aliases: ['Tehran', 'Iranian'] },
      { id: 'pakistan', name: 'Pakistan', aliases: ['Islamabad', 'Pakistani'] },
      { id: 'baloch-separatist-groups', name: 'Baloch separatist groups', aliases: [] },
    ]);
  });

  it('gives sides whose names slug alike distinct ids', () => {
    expect(parseSides('U.S.\nUS Army').map((side) => side.id)).toEqual(['u-s', 'us-army']);
    expect(parseSides('ایران\nپاکستان').map((side) => side.id)).toEqual(['side-1', 'side-2']);
  });

  it('names every problem with its line', () => {
    expect(problemsOf(() => parseSides(': Tehran\nIran: Tehran\nPakistan: Iran\niran\n' + `${'x'.repeat(101)}`))).toEqual([
      'Sides, line 1: the side’s name is missing before ":".',
      'Sides, line 3: the alias “Iran” is already a side or an alias above.',
      'Sides, line 4: “iran” is already a side or an alias above.',
      'Sides, line 5: a side’s name is at most 100 characters.',
    ]);
    expect(problemsOf(() => parseSides(' \n '))).toEqual(['Sides: give at least one side, one per line (`Name: alias, alias`).']);
    expect(problemsOf(() => parseSides(Array.from({ length: 26 }, (_, i) => `Side ${i}`).join('\n')))).toEqual(['Sides: at most 25 sides (there are 26).']);
  });
});

describe('a story from the create form', () => {
  const form = { title: 'Sudan war', summary: 'Fighting between the army and the RSF.', sides: 'SAF: army\nRSF: Rapid Support Forces', timeZone: 'Africa/Khartoum' };

  it('is a valid story with a slug id, its sides and its zone', () => {
    const story = storyFromForm(testStoreData(), form, NOW, 'UTC');
    expect(StorySchema.parse(story)).toEqual(story);
    expect(story).toMatchObject({ id: 'sudan-war', title: 'Sudan war', timeZone: 'Africa/Khartoum', createdAt: NOW.toISOString(), sides: [{ id: 'saf' }, { id: 'rsf' }] });
  });

  it('takes the deployment’s zone when the zone is left empty', () => {
    expect(storyFromForm(testStoreData(), { ...form, timeZone: ' ' }, NOW, 'Asia/Karachi').timeZone).toBe('Asia/Karachi');
  });

  it('refuses a bad zone, a taken title (any case), a missing lead and bad sides — every field named', () => {
    const data = testStoreData();
    expect(problemsOf(() => storyFromForm(data, { title: 'a TEST story', summary: '', sides: ':x', timeZone: 'Mars/Olympus' }, NOW, 'UTC'))).toEqual([
      'Title: there is already a story called “a TEST story” — choose another title.',
      'Lead: a lead (one-paragraph summary) is needed.',
      'Time zone: “Mars/Olympus” is not an IANA time zone — write one like Asia/Karachi, Asia/Tehran or UTC.',
      'Sides, line 1: the side’s name is missing before ":".',
    ]);
  });

  it('gets an id of its own when another story’s id is its slug', () => {
    const data = testStoreData();
    data.stories.push(testStory({ id: 'sudan-war', title: 'Another title' }));
    expect(storyFromForm(data, form, NOW, 'UTC').id).toBe('sudan-war-2');
  });

  it('is added and audited once; a second with the same title is refused', () => {
    const draft = draftOf(testStoreData());
    const story = storyFromForm(draft, form, NOW, 'UTC');
    createStory(draft, story, author);
    expect(draft.stories.map((s) => s.id)).toEqual(['test-story', 'sudan-war']);
    expect(draft.audit).toEqual([expect.objectContaining({ action: 'create', entity: 'story', entityId: 'sudan-war', guildId: GUILD })]);
    expect(() => createStory(draft, { ...story, id: 'other' }, author)).toThrow('There is already a story called “Sudan war”.');
  });

  it('works its dates out in its own zone, else the deployment’s', () => {
    expect(storyTimeZone({ timeZone: 'Asia/Tehran' }, 'UTC')).toBe('Asia/Tehran');
    expect(storyTimeZone({}, 'Asia/Karachi')).toBe('Asia/Karachi');
    expect(StorySchema.safeParse(testStory({ timeZone: 'Not/AZone' })).success).toBe(false);
  });
});

describe('archived stories, per server', () => {
  function twoStories(): StoreData {
    const data = testStoreData();
    data.stories.unshift(testStory({ id: 'first', title: 'First' }));
    return data;
  }

  it('leave this server’s lists, autocomplete and default, and no other server’s', () => {
    const draft = draftOf(twoStories());
    draft.guilds.push({ guildId: GUILD, moderatorRoleIds: [], subscriptions: [], storyId: 'first' });
    setArchived(draft, GUILD, 'first', true, author);
    expect(listedStories(draft, GUILD).map((s) => s.id)).toEqual(['test-story']);
    expect(archivedStories(draft, GUILD).map((s) => s.id)).toEqual(['first']);
    expect(listedStories(draft, OTHER_GUILD).map((s) => s.id)).toEqual(['first', 'test-story']);
    expect(serverStoryCandidates(draft, `listed:${GUILD}`).map((c) => c.value)).toEqual(['test-story']);
    expect(serverStoryCandidates(draft, `archived:${GUILD}`).map((c) => c.value)).toEqual(['first']);
    expect(serverStoryCandidates(draft, `listed:${OTHER_GUILD}`).map((c) => c.value)).toEqual(['first', 'test-story']);
    // The `/story use` choice is archived: the default falls to SITREP_DEFAULT_STORY, else the first listed.
    expect(resolveStory(draft, { guildId: GUILD }).id).toBe('test-story');
    expect(resolveStory(draft, { guildId: GUILD, defaultStoryId: 'first' }).id).toBe('test-story');
    expect(resolveStory(draft, { guildId: OTHER_GUILD }).id).toBe('first');
    // Named by id, an archived story's records are still reachable.
    expect(resolveStory(draft, { guildId: GUILD, storyId: 'first' }).id).toBe('first');

    setArchived(draft, GUILD, 'first', false, author);
    expect(resolveStory(draft, { guildId: GUILD }).id).toBe('first');
    expect(draft.guilds[0]!.archivedStoryIds).toBeUndefined();
    expect(draft.audit.map((entry) => entry.after)).toEqual([{ archivedStoryIds: ['first'] }, { archivedStoryIds: [] }]);
  });

  it('says so when every story is archived here', () => {
    const draft = draftOf(twoStories());
    setArchived(draft, GUILD, 'first', true, author);
    setArchived(draft, GUILD, 'test-story', true, author);
    expect(() => resolveStory(draft, { guildId: GUILD })).toThrow(/Every story is archived on this server/);
  });

  it('pause this server’s active schedules of the story, with the reason; unarchiving leaves them for /schedule resume', () => {
    const draft = draftOf(twoStories());
    draft.schedules.push(
      testSchedule({ id: 'here', guildId: GUILD, storyId: 'first' }),
      testSchedule({ id: 'other-story', guildId: GUILD, storyId: 'test-story' }),
      testSchedule({ id: 'elsewhere', guildId: OTHER_GUILD, storyId: 'first' }),
    );
    expect(setArchived(draft, GUILD, 'first', true, author).map((s) => s.id)).toEqual(['here']);
    expect(draft.schedules.map((s) => [s.id, s.state, s.pausedReason])).toEqual([
      ['here', 'paused', ARCHIVED_PAUSE_REASON],
      ['other-story', 'active', undefined],
      ['elsewhere', 'active', undefined],
    ]);
    expect(setArchived(draft, GUILD, 'first', false, author)).toEqual([]);
    expect(draft.schedules[0]!.state).toBe('paused');
  });
});

describe('breaking updates of a story archived on a server', () => {
  it('are not sent there; its subscriptions stay for when it comes back', () => {
    const draft = draftOf(testStoreData());
    const subscribed = (guildId: string) => ({ guildId, moderatorRoleIds: [], subscriptions: [{ channelId: `${guildId}0`, storyId: 'test-story' }] });
    draft.guilds.push(subscribed(GUILD), subscribed(OTHER_GUILD));
    const event = draft.events[0]!;
    setArchived(draft, GUILD, 'test-story', true, author);
    expect(breakingTargets(draft, event).map((target) => target.guildId)).toEqual([OTHER_GUILD]);
    expect(draft.guilds[0]!.subscriptions).toHaveLength(1);
    setArchived(draft, GUILD, 'test-story', false, author);
    expect(breakingTargets(draft, event).map((target) => target.guildId)).toEqual([GUILD, OTHER_GUILD]);
  });
});

describe('importing a bundle', () => {
  it('names every problem of a malformed bundle by its place in the file', () => {
    const bundle = { story: testStory({ title: '' }), sources: [testSource(1)], events: [testEvent(1, { sourceIds: ['nope'] })] };
    expect(() => parseBundleText('bad.json', JSON.stringify(bundle))).toThrow(/`bad\.json` cannot be imported \(2 problems\):\n• story\.title: .*\n• events\[0\]\.sourceIds\[0\]: unknown source "nope"\nNothing was changed\./);
    expect(() => parseBundleText('x.json', '{"story":')).toThrow(/`x\.json` cannot be imported \(1 problem\):\n• it is not JSON: /);
  });

  it('refuses a record whose id is another story’s, which matching by id would move', () => {
    const data = testStoreData();
    const bundle = { story: testStory({ id: 'new-story', title: 'New' }), actors: [], sources: [testSource(1, { storyId: 'new-story' })], events: [], statements: [], claims: [], positions: [] };
    expect(importConflicts(data, bundle)).toEqual(['sources[0].id: "source-1" is already a record of the story "test-story" — give it another id']);
  });
});

describe('the JSON Schema of the bundle format', () => {
  it('is committed and up to date (run `npm run schema` after changing src/data/schema.ts)', async () => {
    const committed = await readFile(new URL(`../../${BUNDLE_SCHEMA_PATH}`, import.meta.url), 'utf8');
    expect(committed).toBe(bundleJsonSchema());
  });

  it('describes the bundle: a story with sides and time zone, records with their fields', () => {
    const schema = JSON.parse(bundleJsonSchema());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['story', 'sources']);
    expect(Object.keys(schema.properties.story.properties)).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'sides', 'timeZone']));
    expect(schema.properties.story.additionalProperties).toBe(false);
  });
});

describe('a story’s time zone where its dates are worked out', () => {
  it('/brief since:<date> starts that day in the story’s zone, not the deployment’s', async () => {
    const brief = commands.find((command) => command.data.name === 'brief')!;
    const late = (timeZone?: string) => {
      const data = testStoreData({ events: 0 });
      data.stories = [testStory(timeZone ? { timeZone } : {})];
      // 20:00 UTC on the 17th is 01:00 on the 18th in Karachi.
      data.events = [testEvent(1, { title: 'Late evening event', occurredAt: '2024-01-17T20:00:00Z', precision: 'minute' })];
      return data;
    };
    const shown = async (timeZone?: string) => {
      const store = await tempStore(() => late(timeZone));
      return JSON.stringify(await runCommand(brief, { options: { since: '2024-01-18' } }, testContext(store, { timeZone: 'UTC' })));
    };
    expect(await shown()).not.toContain('Late evening event');
    expect(await shown('Asia/Karachi')).toContain('Late evening event');
  });
});
