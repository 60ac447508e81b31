import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/commands/types.js';
import type { StoreData } from '../../src/data/schema.js';
import { testStoreData } from '../fixtures/story.js';
import { fuzzParameters, RUNS, tally, timeLimit } from './budget.js';
import { buttonsOf, commandNamed, expectSafe, FuzzBot, fuzzStoreData, PEOPLE, SUBSCRIBED_CHANNEL, type Delivery, type Who } from './harness.js';
import { cut, mixed } from './hostile.js';
import { liveOccurrences } from './inert.js';

/**
 * Text that only an import can store — a story's title and summary, its sides' names and aliases,
 * its actors' names and roles — ends here in a canary that must never show live: a mention, a
 * role or channel tag, a masked link, a spoiler, a strike-through. Every reader and moderator
 * answer over such a store is checked for it (autocomplete and form labels are plain text in
 * Discord, so they are not). Refusals are left out: their wording comes from
 * src/briefing/query/queries.ts, which shows a story's title unescaped (see the report).
 */

/** Each case is a whole session of some thirty interactions over a fresh store: a fifth of the runs. */
const SCENARIOS = Math.max(5, Math.ceil(RUNS / 5));

const CANARIES = ['<@123>', '<@&456>', '<#789>', '[click](https://evil.example)', '||spoiler||', '~~gone~~', '<t:0:R>'];

const canaried = (max: number) =>
  fc.tuple(mixed(8), fc.constantFrom(...CANARIES)).map(([prefix, canary]) => `${cut(prefix.replace(/[\r\n]+/g, ' '), max - canary.length - 1)} ${canary}`.trim());

const importedText = fc.record({
  title: canaried(200),
  summary: canaried(1000),
  sides: fc.tuple(canaried(100), canaried(100), canaried(100)),
  actors: fc.tuple(canaried(100), canaried(200), canaried(100), canaried(200)),
});

function importedStore(text: typeof importedText extends fc.Arbitrary<infer T> ? T : never): StoreData {
  const data = testStoreData({ events: 4, sources: 2 });
  const story = data.stories[0]!;
  story.title = text.title;
  story.summary = text.summary;
  story.sides = [
    { id: 'north', name: text.sides[0], aliases: [text.sides[2]] },
    { id: 'south', name: text.sides[1], aliases: [] },
  ];
  data.actors = [
    { id: 'north-leader', storyId: story.id, name: text.actors[0], role: text.actors[1], sideId: 'north' },
    { id: 'south-office', storyId: story.id, name: text.actors[2], role: text.actors[3], sideId: 'south' },
  ];
  data.events[0]!.actorIds = ['north-leader', 'south-office'];
  data.events[0]!.sideIds = ['north', 'south'];
  data.statements = [
    { id: 'said-1', storyId: story.id, eventId: 'event-1', actorId: 'north-leader', speaker: 'A spokesperson', sideId: 'north', quote: 'We did not.', saidAt: '2024-01-03', precision: 'day', sourceIds: ['source-1'] },
    { id: 'said-2', storyId: story.id, eventId: 'event-1', actorId: 'south-office', speaker: 'An office', sideId: 'south', quote: 'They did.', saidAt: '2024-01-04', precision: 'day', sourceIds: ['source-2'] },
  ];
  data.claims = [
    {
      id: 'who-did-it',
      storyId: story.id,
      eventId: 'event-1',
      question: 'Who did it?',
      kind: 'conflict',
      accounts: [
        { position: 'north', text: 'North says south.', sourceId: 'source-1', sideId: 'north' },
        { position: 'south', text: 'South says north.', sourceId: 'source-2', sideId: 'south' },
      ],
    },
  ];
  return data;
}

/** What each step may show: every command a reader or moderator would run over the story. */
const STEPS: ReadonlyArray<[string, CommandInput, Who]> = [
  ['brief', { options: {} }, PEOPLE.readerHere],
  ['timeline', { options: { side: 'north' } }, PEOPLE.readerHere],
  ['timeline', { options: { actor: 'south-office', order: 'newest' } }, PEOPLE.readerHere],
  ['timeline', { options: { side: 'nowhere-land' } }, PEOPLE.readerHere],
  ['statements', { options: { side: 'north', compare: 'south' } }, PEOPLE.readerHere],
  ['statements', { options: { side: 'south', speaker: 'nobody' } }, PEOPLE.readerHere],
  ['claims', { options: {} }, PEOPLE.readerHere],
  ['event', { options: { id: 'event-1' } }, PEOPLE.readerHere],
  ['search', { options: { query: 'did' } }, PEOPLE.readerHere],
  ['search', { options: { query: 'zzzzqqq' } }, PEOPLE.readerHere],
  ['sources', { options: {} }, PEOPLE.readerHere],
  ['story', { subcommand: 'list', options: {} }, PEOPLE.readerHere],
  ['story', { subcommand: 'use', options: { story: 'test-story' } }, PEOPLE.manager],
  ['subscribe', { options: { channel: '870000000000000009' } }, PEOPLE.moderator],
  ['subscribe', { options: { channel: SUBSCRIBED_CHANNEL } }, PEOPLE.moderator],
  ['update', { subcommand: 'history', options: { id: 'event-1' } }, PEOPLE.readerHere],
  ['update', { subcommand: 'history', options: { id: 'nope' } }, PEOPLE.readerHere],
  ['update', { subcommand: 'retract', options: { id: 'event-2', reason: 'test' } }, PEOPLE.moderator],
  ['schedule', { subcommand: 'add', options: { channel: SUBSCRIBED_CHANNEL, time: '08:00', timezone: 'UTC', story: 'test-story' } }, PEOPLE.manager],
  ['schedule', { subcommand: 'list', options: {} }, PEOPLE.manager],
  ['schedule', { subcommand: 'run', options: { id: 'morning-brief' } }, PEOPLE.manager],
];

function expectNoLiveCanary(delivery: Delivery, canaries: readonly string[]) {
  if (delivery.refused !== undefined) return;
  for (const payload of delivery.payloads) {
    if (payload.kind !== 'message') continue;
    const body = payload.body as { content?: string; embeds?: Array<Record<string, unknown>> };
    const texts = [body.content ?? '', ...(body.embeds ?? []).flatMap((embed) => [String(embed.title ?? ''), String(embed.description ?? ''), String((embed.footer as { text?: string } | undefined)?.text ?? '')])];
    for (const text of texts) {
      for (const canary of canaries) {
        const live = liveOccurrences(text, canary);
        expect(live, `${delivery.step}\nshows the stored ${JSON.stringify(canary)} live (${live.join(' | ')}) in ${JSON.stringify(text.slice(0, 500))}`).toEqual([]);
      }
    }
  }
}

describe('text only an import can store', () => {
  it('story titles and summaries, side and actor names show inert in every answer, page and post', async () => {
    const counted = tally('imported hostile names');
    await fc.assert(
      fc.asyncProperty(importedText, async (text) => {
        counted.case();
        const bot = await FuzzBot.start(() => fuzzStoreData(() => importedStore(text)));
        try {
          const canaries = CANARIES.filter((canary) => JSON.stringify(text).includes(JSON.stringify(canary).slice(1, -1)));
          for (const [name, input, who] of STEPS) {
            const delivery = await bot.command(commandNamed(name), input, who);
            expectSafe(delivery, counted, { readOnly: !['story', 'subscribe', 'schedule'].includes(name) || input.subcommand === 'list' || input.subcommand === 'run' });
            expectNoLiveCanary(delivery, canaries);
            for (const button of buttonsOf(delivery.reply)) {
              if (button.disabled) continue;
              const clicked = await bot.click(button.customId, who, { ephemeral: delivery.reply?.ephemeral ?? false, invokerId: who.userId });
              expectSafe(clicked, counted, { readOnly: !button.customId.includes(':confirm:') });
              expectNoLiveCanary(clicked, canaries);
            }
          }
          // A breaking update posted to the subscribed channels names the story.
          const form = await bot.command(commandNamed('update'), { subcommand: 'add', options: { source: 'source-1', notify: true } }, PEOPLE.moderator);
          const preview = await bot.submit(form.modal!.custom_id, { title: 'Talks', summary: 'Both sides met.', when: '2024-01-18', sides: ['north', 'south'] }, PEOPLE.moderator);
          const confirm = buttonsOf(preview.reply).find((button) => button.customId.includes(':confirm:'))!;
          const posted = await bot.click(confirm.customId, PEOPLE.moderator, { ephemeral: true, invokerId: PEOPLE.moderator.userId });
          expectSafe(posted, counted);
          expect(posted.payloads.length, `${posted.step} posted nothing to the subscribed channel`).toBeGreaterThan(1);
          expectNoLiveCanary(posted, canaries);
        } finally {
          await bot.close();
        }
      }),
      fuzzParameters(SCENARIOS),
    );
  }, timeLimit(400, SCENARIOS));
});
