import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { shortKey } from '../../src/commands/short-key.js';
import { commands } from '../../src/commands/index.js';
import { fuzzParameters, RUNS, tally, timeLimit } from './budget.js';
import { expectSafe, FuzzBot, PEOPLE } from './harness.js';
import { cut, DATES, mixed, unknownId } from './hostile.js';
import { anyone } from './options.js';

let bot: FuzzBot;
beforeAll(async () => {
  bot = await FuzzBot.start();
});
afterAll(() => bot?.close());

/**
 * Buttons on old messages: a page that no longer exists, a story or event since removed, a preview
 * whose draft expired or belongs to someone else, a command that was renamed. Discord only sends
 * custom_ids the bot once made (at most 100 characters), but the bot may have made them long ago.
 */
describe('buttons on stale messages', () => {
  it('every component handler: nothing escapes, the answer fits and pings no one, nothing is written', async () => {
    const counted = tally('buttons (stale or unknown custom_ids)');
    const data = bot.store.read();
    const keys = [
      ...data.stories.map((story) => story.id),
      ...data.stories.flatMap((story) => story.sides.map((side) => side.id)),
      ...data.events.map((event) => event.id),
      ...data.actors.map((actor) => actor.id),
    ].map(shortKey);
    const part = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('1', '2', '0', '-1', '3', '999999', '1e3', 'NaN', '', '1.5', '0x10') },
      { weight: 3, arbitrary: fc.constantFrom(...keys) },
      { weight: 2, arbitrary: fc.constantFrom('confirm', 'cancel', 'reopen', 'history', 'revise', 'add', 'edit', 'account', 'o', 'n') },
      { weight: 2, arbitrary: unknownId },
      { weight: 1, arbitrary: fc.base64String({ minLength: 8, maxLength: 8 }) },
      { weight: 1, arbitrary: fc.constantFrom(...DATES).map((date) => date.replace(/:/g, '.')) },
      { weight: 1, arbitrary: mixed(6) },
    );
    const names = [...commands.filter((command) => command.component).map((command) => command.data.name), 'nope', '', 'help'];
    const customId = fc
      .tuple(fc.constantFrom(...names), fc.array(part, { maxLength: 8 }))
      .map(([name, args]) => cut([name, ...args].join(':'), 100));
    const message = fc.record({ ephemeral: fc.boolean(), invokerId: fc.constantFrom(undefined, PEOPLE.moderator.userId, PEOPLE.readerHere.userId) });
    await fc.assert(
      fc.asyncProperty(customId, anyone, message, async (id, who, on) => {
        counted.case();
        expectSafe(await bot.click(id, who, on), counted, { readOnly: true });
      }),
      fuzzParameters(RUNS * 4),
    );
  }, timeLimit(40, RUNS * 4));
});
