import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/commands/types.js';
import type { StoreData } from '../../src/data/schema.js';
import { en } from '../../src/i18n/en.js';
import { testStoreData } from '../fixtures/story.js';
import { fuzzParameters, tally, timeLimit, type Tally } from './budget.js';
import { validDate, hostileUrl } from './forms.js';
import { buttonsOf, commandNamed, expectSafe, FuzzBot, fuzzStoreData, PEOPLE, type Delivery } from './harness.js';
import { storableText } from './hostile.js';
import { expectInert, expectInertPrefix } from './inert.js';

/**
 * What a moderator types is stored exactly (trimmed, as the forms and the store document) and
 * every place that shows it back shows it inert: its markdown, masked links and tags escaped.
 * Each case runs on a fresh small store, so the reader views to check are the first page.
 */

const moderator = PEOPLE.moderator;
const reader = PEOPLE.readerHere;

/** The fixtures' two-sided story, with one claim to add accounts to. */
function smallStore(): StoreData {
  const data = testStoreData({ events: 3, sources: 2 });
  data.claims.push({
    id: 'bridge-question',
    storyId: data.stories[0]!.id,
    question: 'Who closed the bridge?',
    kind: 'agree',
    accounts: [{ position: 'North', text: 'The north says the south did.', sourceId: 'source-1', sideId: 'north' }],
  });
  return data;
}

/** Empty optional fields are left out of the stored record. */
const optional = (typed: string | undefined) => (typed?.trim() ? typed.trim() : undefined);

async function withFreshBot(run: (bot: FuzzBot) => Promise<void>): Promise<void> {
  const bot = await FuzzBot.start(() => fuzzStoreData(smallStore));
  try {
    await run(bot);
  } finally {
    await bot.close();
  }
}

async function ok(delivery: Promise<Delivery>, counted: Tally, readOnly: boolean): Promise<Delivery> {
  const done = await delivery;
  expectSafe(done, counted, { readOnly });
  expect(done.refused, `${done.step} was refused`).toBeUndefined();
  return done;
}

const command = (bot: FuzzBot, name: string, input: CommandInput, counted: Tally, who = reader) => ok(bot.command(commandNamed(name), input, who), counted, true);

async function openAndSubmit(bot: FuzzBot, name: string, input: CommandInput, fields: Record<string, string | string[]>, counted: Tally) {
  const opened = await command(bot, name, input, counted, moderator);
  expect(opened.modal, `${opened.step} did not open a form`).toBeDefined();
  return ok(bot.submit(opened.modal!.custom_id, fields, moderator), counted, true);
}

async function confirm(bot: FuzzBot, preview: Delivery, counted: Tally): Promise<Delivery> {
  const button = buttonsOf(preview.reply).find((candidate) => candidate.customId.split(':')[1] === 'confirm');
  expect(button, `${preview.step} has no Confirm button`).toBeDefined();
  const saved = await ok(bot.click(button!.customId, moderator, { ephemeral: true, invokerId: moderator.userId }), counted, false);
  expect(saved.storeChanged, `${saved.step} saved nothing`).toBe(true);
  return saved;
}

const description = (delivery: Delivery) => delivery.reply?.embeds?.[0]?.description;

/** Every page of a list (a page fills by length, 3,500 characters, so a long record continues on the next). */
async function allPages(bot: FuzzBot, first: Delivery, counted: Tally): Promise<string[]> {
  const texts = [description(first) ?? ''];
  let page = first;
  for (let turns = 0; turns < 20; turns++) {
    const next = buttonsOf(page.reply).find((button) => button.label === en.next && !button.disabled);
    if (!next) break;
    page = await ok(bot.click(next.customId, reader, { ephemeral: page.reply?.ephemeral ?? false, invokerId: reader.userId }), counted, true);
    texts.push(description(page) ?? '');
  }
  return texts;
}

/**
 * `typed` shows inert on one of the pages, or — where a record was split between pages — in the pages'
 * bodies read in a row (each page's sources left out, the "…" that marks a split dropped).
 */
function expectInertOnPages(pages: readonly string[], typed: string, where: string, layout?: { lineBreak: string }): void {
  for (const page of pages) {
    try {
      expectInert(page, typed, where, layout);
      return;
    } catch {
      // Not (whole) on this page.
    }
  }
  const bodies = pages.map((page) => page.replace(/\n\n\*\*Sources\*\*\n[\s\S]*$/, '').replace(/^…/, '').replace(/…$/, ''));
  expectInert(bodies.join(''), typed, where, layout);
}

const content = (delivery: Delivery) => delivery.reply?.content;
const runs = fuzzParameters();

describe('what moderators type is stored exactly and shown back inert', () => {
  it('/update add: title, what happened, where', async () => {
    const counted = tally('round trip /update add');
    const typed = fc.record({
      title: storableText(200),
      summary: storableText(1500, { multiline: true }),
      location: fc.option(storableText(200), { nil: '' }),
      when: validDate,
      sides: fc.subarray(['north', 'south'], { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(typed, (fields) =>
        withFreshBot(async (bot) => {
          counted.case();
          const title = fields.title.trim();
          const summary = fields.summary.trim();
          const location = optional(fields.location);
          const preview = await openAndSubmit(bot, 'update', { subcommand: 'add', options: { source: 'source-1' } }, fields, counted);
          expectInertPrefix(preview.reply?.embeds?.[0]?.title, title, 'the preview’s title');
          expectInert(description(preview), summary, 'the preview');
          if (location) expectInert(description(preview), location, 'the preview');
          const before = new Set(bot.store.read().events.map((event) => event.id));
          const saved = await confirm(bot, preview, counted);
          const stored = bot.store.read().events.find((event) => !before.has(event.id))!;
          expect({ title: stored.title, summary: stored.summary, location: stored.location, sideIds: stored.sideIds }).toEqual({ title, summary, location, sideIds: fields.sides });
          expectInert(content(saved), title, 'the confirmation');
          const shown = await command(bot, 'event', { options: { id: stored.id } }, counted);
          expectInertPrefix(shown.reply?.embeds?.[0]?.title, title, '/event’s title');
          expectInert(description(shown), summary, '/event');
          if (location) expectInert(description(shown), location, '/event');
          expectInert(description(await command(bot, 'timeline', { options: {} }, counted)), title, '/timeline');
          // The same update again: the preview warns of a duplicate, naming it.
          const twice = await openAndSubmit(bot, 'update', { subcommand: 'add', options: { source: 'source-1' } }, fields, counted);
          expectInert(content(twice), title, 'the duplicate warning');
          // Retracting it: the preview and the confirmation name it.
          const retract = await command(bot, 'update', { subcommand: 'retract', options: { id: stored.id, reason: 'duplicate' } }, counted, moderator);
          expectInert(content(retract), title, 'the retraction preview');
          expectInert(content(await confirm(bot, retract, counted)), title, 'the retraction’s confirmation');
        }),
      ),
      runs,
    );
  }, timeLimit(250));

  it('/update edit: the new title, what happened and where replace the old ones, in the preview and the history', async () => {
    const counted = tally('round trip /update edit');
    const typed = fc.record({
      title: storableText(200),
      summary: storableText(1500, { multiline: true }),
      location: fc.option(storableText(200), { nil: '' }),
      when: validDate,
      sides: fc.subarray(['north', 'south'], { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(typed, (fields) =>
        withFreshBot(async (bot) => {
          counted.case();
          const title = fields.title.trim();
          const summary = fields.summary.trim();
          const location = optional(fields.location);
          const preview = await openAndSubmit(bot, 'update', { subcommand: 'edit', options: { id: 'event-1' } }, fields, counted);
          expectInert(description(preview), summary, 'the preview');
          const saved = await confirm(bot, preview, counted);
          const stored = bot.store.read().events.find((event) => event.id === 'event-1')!;
          expect({ title: stored.title, summary: stored.summary, location: stored.location }).toEqual({ title, summary, location });
          expectInert(content(saved), title, 'the confirmation');
          expectInert(description(await command(bot, 'event', { options: { id: 'event-1' } }, counted)), summary, '/event');
          const history = await command(bot, 'update', { subcommand: 'history', options: { id: 'event-1' } }, counted);
          expectInert(description(history), title, '/update history');
          // Editing again: the preview's heading names the stored (hostile) title.
          const again = await openAndSubmit(bot, 'update', { subcommand: 'edit', options: { id: 'event-1' } }, { ...fields, title: 'Plain title' }, counted);
          expectInert(content(again), title, 'the next edit’s preview');
        }),
      ),
      runs,
    );
  }, timeLimit(300));

  it('/update retract: the reason', async () => {
    const counted = tally('round trip /update retract');
    await fc.assert(
      fc.asyncProperty(storableText(500), (reason) =>
        withFreshBot(async (bot) => {
          counted.case();
          const preview = await command(bot, 'update', { subcommand: 'retract', options: { id: 'event-2', reason } }, counted, moderator);
          expectInert(content(preview), reason.trim(), 'the preview');
          await confirm(bot, preview, counted);
          expect(bot.store.read().events.find((event) => event.id === 'event-2')!.retraction?.reason).toBe(reason.trim());
          const history = await command(bot, 'update', { subcommand: 'history', options: { id: 'event-2' } }, counted);
          expectInert(description(history), reason.trim(), '/update history');
        }),
      ),
      runs,
    );
  }, timeLimit(200));

  it('/statement add: speaker, quote, context and relaying outlet', async () => {
    const counted = tally('round trip /statement add');
    const typed = fc.record({
      speaker: storableText(150),
      quote: storableText(1500, { multiline: true }),
      when: validDate,
      context: fc.option(storableText(500, { multiline: true }), { nil: '' }),
      via: fc.option(storableText(200), { nil: '' }),
    });
    await fc.assert(
      fc.asyncProperty(typed, (fields) =>
        withFreshBot(async (bot) => {
          counted.case();
          const speaker = fields.speaker.trim();
          const quote = fields.quote.trim();
          const context = optional(fields.context);
          const via = optional(fields.via);
          const preview = await openAndSubmit(bot, 'statement', { subcommand: 'add', options: { side: 'south', source: 'source-2' } }, fields, counted);
          const saved = await confirm(bot, preview, counted);
          const stored = bot.store.read().statements.at(-1)!;
          expect({ speaker: stored.speaker, quote: stored.quote, context: stored.context, via: stored.via }).toEqual({ speaker, quote, context, via });
          expectInert(content(saved), speaker, 'the confirmation');
          const shown = await allPages(bot, await command(bot, 'statements', { options: { side: 'south' } }, counted), counted);
          for (const [where, pages] of [['the preview', [description(preview) ?? '']], ['/statements', shown]] as const) {
            expectInertOnPages(pages, speaker, where);
            expectInertOnPages(pages, quote, where, { lineBreak: '\n> ' });
            if (context) expectInertOnPages(pages, context, where);
            if (via) expectInertOnPages(pages, via, where);
          }
        }),
      ),
      runs,
    );
  }, timeLimit(250));

  it('/claim add: the question, position, account and relaying outlet', async () => {
    const counted = tally('round trip /claim add');
    const typed = fc.record({
      question: storableText(200),
      position: storableText(80),
      account: storableText(1000, { multiline: true }),
      via: fc.option(storableText(200), { nil: '' }),
    });
    await fc.assert(
      fc.asyncProperty(typed, (fields) =>
        withFreshBot(async (bot) => {
          counted.case();
          const [question, position, account] = [fields.question.trim(), fields.position.trim(), fields.account.trim()];
          const via = optional(fields.via);
          const preview = await openAndSubmit(bot, 'claim', { subcommand: 'add', options: { source: 'source-1', side: 'north' } }, fields, counted);
          const saved = await confirm(bot, preview, counted);
          const stored = bot.store.read().claims.at(-1)!;
          expect({ question: stored.question, ...stored.accounts[0] }).toEqual({ question, position, text: account, via, sourceId: 'source-1', sideId: 'north' });
          expectInert(content(saved), question, 'the confirmation');
          const shown = await command(bot, 'claims', { options: {} }, counted);
          for (const [where, reply] of [['the preview', preview], ['/claims', shown]] as const) {
            for (const text of [question, position, account, ...(via ? [via] : [])]) expectInert(description(reply), text, where);
          }
        }),
      ),
      runs,
    );
  }, timeLimit(250));

  it('/claim account: position, account and relaying outlet', async () => {
    const counted = tally('round trip /claim account');
    const typed = fc.record({ position: storableText(80), account: storableText(1000, { multiline: true }), via: fc.option(storableText(200), { nil: '' }) });
    await fc.assert(
      fc.asyncProperty(typed, (fields) =>
        withFreshBot(async (bot) => {
          counted.case();
          const [position, account, via] = [fields.position.trim(), fields.account.trim(), optional(fields.via)];
          const preview = await openAndSubmit(bot, 'claim', { subcommand: 'account', options: { claim: 'bridge-question', source: 'source-2', side: 'south' } }, fields, counted);
          await confirm(bot, preview, counted);
          const stored = bot.store.read().claims.find((claim) => claim.id === 'bridge-question')!;
          expect(stored.accounts.at(-1)).toEqual({ position, text: account, via, sourceId: 'source-2', sideId: 'south' });
          const shown = await command(bot, 'claims', { options: {} }, counted);
          for (const [where, reply] of [['the preview', preview], ['/claims', shown]] as const) {
            for (const text of [position, account, ...(via ? [via] : [])]) expectInert(description(reply), text, where);
          }
        }),
      ),
      runs,
    );
  }, timeLimit(250));

  it('/source add: outlet, headline, link and note (the link shown percent-encoded inside <…>)', async () => {
    const counted = tally('round trip /source add');
    const typed = fc.record({
      outlet: storableText(100),
      title: fc.option(storableText(256), { nil: '' }),
      url: fc.option(hostileUrl, { nil: '' }),
      date: fc.option(validDate, { nil: '' }),
      note: fc.option(storableText(500, { multiline: true }), { nil: '' }),
    });
    await fc.assert(
      fc.asyncProperty(typed, (fields) =>
        withFreshBot(async (bot) => {
          counted.case();
          const outlet = fields.outlet.trim();
          const [title, url, note] = [optional(fields.title), optional(fields.url), optional(fields.note)];
          const preview = await openAndSubmit(bot, 'source', { subcommand: 'add', options: {} }, fields, counted);
          const saved = await confirm(bot, preview, counted);
          const stored = bot.store.read().sources.at(-1)!;
          expect({ outlet: stored.outlet, title: stored.title, url: stored.url, note: stored.note }).toEqual({ outlet, title, url, note });
          expectInert(content(saved), outlet, 'the confirmation');
          const shown = await command(bot, 'sources', { options: {} }, counted);
          // The preview shows the source line; /sources shows it with its note.
          for (const [where, reply, shownNote] of [['the preview', preview, undefined], ['/sources', shown, note]] as const) {
            const text = description(reply)!;
            for (const typedText of [outlet, ...(title ? [title] : []), ...(shownNote ? [shownNote] : [])]) expectInert(text, typedText, where);
            if (url) expectLink(text, url, where);
          }
        }),
      ),
      runs,
    );
  }, timeLimit(250));
});

/** A link shows as `<https://…>` with nothing in it that could end the link early or start markup. */
function expectLink(rendered: string, url: string, where: string): void {
  const href = new URL(url).href;
  const links = [...rendered.matchAll(/<(https?:\/\/[^\s>]*)>/g)].map((match) => match[1]!);
  const link = links.find((candidate) => URL.canParse(candidate) && new URL(candidate).href === href);
  expect(link, `${where}: the link ${JSON.stringify(url)} is not shown whole inside <…> in ${JSON.stringify(rendered.slice(0, 600))}`).toBeDefined();
}
