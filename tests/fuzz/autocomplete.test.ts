import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import { fuzzParameters, tally, timeLimit } from './budget.js';
import { expectSafe, FuzzBot } from './harness.js';
import { hostileText } from './hostile.js';
import { anyone, autocompleted, inputArbitrary, invocations, knownValues, type Known } from './options.js';

/** Discord drops an autocomplete answer that takes longer than 3 seconds; leave room for the network. */
const DEADLINE_MS = 2_000;

let bot: FuzzBot;
let known: Known;
beforeAll(async () => {
  bot = await FuzzBot.start();
  known = knownValues(bot.store.read());
});
afterAll(() => bot?.close());

describe('autocomplete, with whatever is being typed', () => {
  for (const command of commands.filter((candidate) => candidate.autocomplete)) {
    const name = command.data.name;
    const focusable = [...new Set(invocations(command).flatMap(autocompleted))];
    it(`/${name} (${focusable.join(', ')}): at most 25 choices that fit, fast, nothing escapes, nothing written`, async () => {
      const counted = tally(`autocomplete /${name}`);
      const typing = fc.oneof(
        { weight: 5, arbitrary: hostileText },
        // What someone types while narrowing down a real name: a prefix of it.
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...Object.values(known).flat()), fc.nat(40)).map(([value, n]) => value.slice(0, n)) },
      );
      await fc.assert(
        fc.asyncProperty(inputArbitrary(command, known), fc.constantFrom(...focusable), typing, anyone, async (input, focused, value, who) => {
          counted.case();
          const delivery = await bot.autocomplete(command, { name: focused, value }, { ...input, options: { ...input.options, [focused]: value } }, who);
          expectSafe(delivery, counted, { readOnly: true });
          expect(delivery.ms, `${delivery.step} took ${Math.round(delivery.ms)} ms`).toBeLessThan(DEADLINE_MS);
        }),
        fuzzParameters(),
      );
    }, timeLimit(60));
  }
});
