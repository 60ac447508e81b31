import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/commands/types.js';
import type { StoreData } from '../../src/data/schema.js';
import { fuzzParameters, tally, timeLimit, type Tally } from './budget.js';
import { commands } from '../../src/commands/index.js';
import { buttonsOf, commandNamed, expectSafe, followPageButtons, FuzzBot, PEOPLE, type Delivery, type Who } from './harness.js';
import { hostileFields, validFields } from './forms.js';
import { hostileText } from './hostile.js';
import { anyone, autocompleted, inputArbitrary, invocations, knownValues, mostlyModerators, type Known } from './options.js';

/** Every form the bot shows, and how a moderator opens it. */
export const FORMS: ReadonlyArray<{ name: string; command: string; input: (data: Readonly<StoreData>, pick: number) => CommandInput }> = [
  { name: 'update add', command: 'update', input: (data) => ({ subcommand: 'add', options: { source: data.sources[0]!.id, significance: 4 } }) },
  { name: 'update add notify', command: 'update', input: (data) => ({ subcommand: 'add', options: { source: data.sources[0]!.id, notify: true } }) },
  {
    name: 'update edit',
    command: 'update',
    input: (data, pick) => {
      const visible = data.events.filter((event) => event.status !== 'retracted');
      return { subcommand: 'edit', options: { id: visible[pick % visible.length]!.id } };
    },
  },
  { name: 'statement add', command: 'statement', input: (data) => ({ subcommand: 'add', options: { side: data.stories[0]!.sides[1]!.id, source: data.sources[0]!.id, event: data.events[1]!.id } }) },
  { name: 'claim add', command: 'claim', input: (data) => ({ subcommand: 'add', options: { source: data.sources[0]!.id, side: data.stories[0]!.sides[0]!.id, event: data.events[2]!.id } }) },
  { name: 'claim account', command: 'claim', input: (data) => ({ subcommand: 'account', options: { claim: data.claims[0]!.id, source: data.sources.at(-1)!.id, side: data.stories[0]!.sides[1]!.id } }) },
  { name: 'source add', command: 'source', input: () => ({ subcommand: 'add', options: {} }) },
  { name: 'statement edit', command: 'statement', input: (data, pick) => ({ subcommand: 'edit', options: { id: live(data.statements, pick).id, reason: 'Hostile test' } }) },
  { name: 'claim edit', command: 'claim', input: (data, pick) => ({ subcommand: 'edit', options: { id: live(data.claims, pick).id } }) },
  {
    name: 'claim account-edit',
    command: 'claim',
    input: (data, pick) => {
      const claim = live(data.claims, pick);
      return { subcommand: 'account-edit', options: { claim: claim.id, account: (pick % claim.accounts.length) + 1 } };
    },
  },
  { name: 'source edit', command: 'source', input: (data, pick) => ({ subcommand: 'edit', options: { id: live(data.sources, pick).id } }) },
  // Last: a story whose sides changed would change what the forms above are opened with.
  { name: 'story edit', command: 'story', input: () => ({ subcommand: 'edit', options: {} }) },
];

/** A record that is not retracted, chosen by `pick`. */
function live<T extends { retraction?: unknown }>(records: readonly T[], pick: number): T {
  const kept = records.filter((record) => !record.retraction);
  return kept[pick % kept.length]!;
}

/** Opens a form as a moderator would: its custom_id is the bot's own. */
export async function openForm(bot: FuzzBot, form: (typeof FORMS)[number], pick: number): Promise<Delivery> {
  const opened = await bot.command(commandNamed(form.command), form.input(bot.store.read(), pick), PEOPLE.moderator);
  if (!opened.modal) throw new Error(`${opened.step} did not open a form: ${opened.refused ?? String(opened.bug)}`);
  return opened;
}

const button = (delivery: Delivery, action: string) => buttonsOf(delivery.reply).find((candidate) => candidate.customId.split(':')[1] === action);

async function afterPreview(bot: FuzzBot, preview: Delivery, action: string, who: Who, counted: Tally) {
  const target = button(preview, action);
  if (!target) return;
  const clicked = await bot.click(target.customId, who, { ephemeral: true, invokerId: who.userId });
  expectSafe(clicked, counted, { readOnly: action !== 'confirm' });
  if (action === 'confirm') {
    // The preview applied the change to a copy: the person it was shown to can save it as shown.
    expect(clicked.refused, `${clicked.step} was refused after a clean preview`).toBeUndefined();
    expect(clicked.storeChanged, `${clicked.step} confirmed but changed nothing`).toBe(true);
  }
  if (action === 'reopen' && clicked.refused === undefined) expect(clicked.modal, `${clicked.step} did not reopen the form`).toBeDefined();
}

let bot: FuzzBot;
beforeAll(async () => {
  bot = await FuzzBot.start();
});
afterAll(() => bot?.close());

describe('every form, with hostile fields', () => {
  for (const form of FORMS) {
    it(`${form.name}: the preview and any refusal fit Discord, ping no one and write nothing; Confirm writes only a checked change`, async () => {
      const counted = tally(`modal ${form.name}`);
      // The form's inputs are the same each time it opens; only its custom_id (the draft, the revision) changes.
      const shape = (await openForm(bot, form, 0)).modal!;
      const scenario = fc.record({
        pick: fc.nat(),
        /** Submitted first, or after Edit reopened the form (which replaces the preview message). */
        revise: fc.boolean(),
        first: validFields(shape),
        fields: hostileFields(shape),
        who: mostlyModerators,
        action: fc.constantFrom('confirm', 'reopen', 'cancel', 'none'),
      });
      await fc.assert(
        fc.asyncProperty(scenario, async ({ pick, revise, first, fields, who, action }) => {
          counted.case();
          const opened = await openForm(bot, form, pick);
          expectSafe(opened, counted, { readOnly: true });
          let modal = opened.modal!;
          let fromMessage = false;
          if (revise) {
            // A first preview from a valid submission, then Edit: the reopened form, pre-filled.
            const preview = await bot.submit(modal.custom_id, first, PEOPLE.moderator);
            expectSafe(preview, counted, { readOnly: true });
            const edit = button(preview, 'reopen');
            if (!edit) return;
            const reopened = await bot.click(edit.customId, PEOPLE.moderator, { ephemeral: true, invokerId: PEOPLE.moderator.userId });
            expectSafe(reopened, counted, { readOnly: true });
            if (!reopened.modal) return;
            modal = reopened.modal;
            fromMessage = true;
          }
          const submitted = await bot.submit(modal.custom_id, fields, who, fromMessage);
          expectSafe(submitted, counted, { readOnly: true });
          if (submitted.refused === undefined) await afterPreview(bot, submitted, action, who, counted);
        }),
        fuzzParameters(),
      );
    }, timeLimit(400));
  }
});

/** Commands that read (`/update` reads too: its history, and its forms and previews write nothing). */
const READERS = new Set(['brief', 'timeline', 'statements', 'claims', 'event', 'search', 'sources', 'help', 'update']);

describe('what the forms stored, read back', () => {
  const storedKnown = (): Known => {
    const data = bot.store.read();
    const known = knownValues(data);
    return { ...known, query: [...(known.query ?? []), ...data.events.slice(-40).map((event) => event.title), ...data.statements.slice(-20).map((s) => s.speaker)] };
  };

  it('every reader command and its pages, over the hostile text the forms saved: fit, ping no one, write nothing', async () => {
    const counted = tally('readers over stored hostile text');
    const known = storedKnown();
    const readers = commands.filter((command) => READERS.has(command.data.name));
    const call = fc.constantFrom(...readers).chain((command) => fc.tuple(fc.constant(command), inputArbitrary(command, known)));
    await fc.assert(
      fc.asyncProperty(call, anyone, async ([command, input], who) => {
        counted.case();
        const delivery = await bot.command(command, input, who);
        expectSafe(delivery, counted, { readOnly: true });
        await followPageButtons(bot, delivery, who, counted);
      }),
      fuzzParameters(),
    );
  }, timeLimit(80));

  it('autocomplete over the hostile names the forms saved: at most 25 choices that fit', async () => {
    const counted = tally('autocomplete over stored hostile text');
    const known = storedKnown();
    const withAutocomplete = commands.filter((command) => command.autocomplete);
    const call = fc.constantFrom(...withAutocomplete).chain((command) =>
      fc.tuple(fc.constant(command), inputArbitrary(command, known), fc.constantFrom(...new Set(invocations(command).flatMap(autocompleted)))),
    );
    const typing = fc.oneof(hostileText, fc.constant(''), fc.constantFrom(...known.query!).map((title) => title.slice(0, 12)));
    await fc.assert(
      fc.asyncProperty(call, typing, anyone, async ([command, input, focused], value, who) => {
        counted.case();
        const delivery = await bot.autocomplete(command, { name: focused, value }, { ...input, options: { ...input.options, [focused]: value } }, who);
        expectSafe(delivery, counted, { readOnly: true });
      }),
      fuzzParameters(),
    );
  }, timeLimit(60));
});
