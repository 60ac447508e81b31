import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import type { CommandInput } from '../../src/commands/types.js';
import { fuzzParameters, tally, timeLimit } from './budget.js';
import { buttonsOf, expectSafe, followPageButtons, FuzzBot } from './harness.js';
import { anyone, inputArbitrary, knownValues, type Known } from './options.js';

/** The only command invocations that may change the store when they succeed. */
const WRITES = new Set(['story use', 'story archive', 'story unarchive', 'settings add', 'settings remove', 'settings language', 'settings log-channel', 'settings corrections-window', 'subscribe', 'schedule add', 'schedule remove', 'schedule pause', 'schedule resume']);
const writes = (name: string, input: CommandInput) => WRITES.has(name) || WRITES.has(`${name} ${input.subcommand ?? ''}`);

const zones = fc.constantFrom('UTC', 'Asia/Karachi', 'America/St_Johns');
const previewAction = fc.constantFrom('confirm', 'reopen', 'cancel');

let bot: FuzzBot;
let known: Known;
beforeAll(async () => {
  bot = await FuzzBot.start();
  known = knownValues(bot.store.read());
});
afterAll(() => bot?.close());

describe('every command, with hostile options', () => {
  for (const command of commands) {
    const name = command.data.name;
    it(`/${name}: nothing escapes, every reply and page fits Discord and pings no one, refusals change nothing`, async () => {
      const counted = tally(`command /${name}`);
      await fc.assert(
        fc.asyncProperty(inputArbitrary(command, known), anyone, zones, previewAction, async (input, who, zone, action) => {
          counted.case();
          bot.timeZone = zone;
          const delivery = await bot.command(command, input, who);
          expectSafe(delivery, counted, { readOnly: !writes(name, input) });
          await followPageButtons(bot, delivery, who, counted);
          // A preview straight from a command (/update retract): its Confirm, Edit or Cancel.
          const pressed = buttonsOf(delivery.reply).find((button) => button.customId.split(':')[1] === action);
          if (pressed) expectSafe(await bot.click(pressed.customId, who, { ephemeral: true, invokerId: who.userId }), counted, { readOnly: action !== 'confirm' });
        }),
        fuzzParameters(),
      );
    }, timeLimit(60));
  }
});
