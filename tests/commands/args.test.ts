import { describe, expect, expectTypeOf, it } from 'vitest';
import { UserError } from '../../src/briefing/reply/reply.js';
import { defineOptions, optionsSpecOf, parseArgs, type ArgumentsOf } from '../../src/commands/args.js';
import { commands } from '../../src/commands/index.js';
import * as statement from '../../src/commands/statement.js';
import * as timeline from '../../src/commands/timeline.js';
import type { CommandInput } from '../../src/commands/types.js';

const input = (options: CommandInput['options'], subcommand?: string, subcommandGroup?: string): CommandInput => ({ options, subcommand, subcommandGroup });

describe('typed command options', () => {
  it('every command declares exactly the options its data registers (names, kinds, required, per subcommand)', () => {
    for (const command of commands) {
      expect(command.options, `/${command.data.name} declares no options`).toBeDefined();
      expect(command.options, `/${command.data.name}`).toEqual(optionsSpecOf(command.data));
    }
  });

  it('parses once: strings trimmed (blank is absent), integers whole, booleans as given, a value of the wrong kind absent', () => {
    const args = parseArgs(timeline.options, input({ side: '  iran ', actor: '   ', page: 2.7, image: true, from: 5, private: 'yes' }));
    expect(args).toEqual({ side: 'iran', page: 2, image: true });
  });

  it('reads the invoked subcommand only; a required string that is absent is empty, a required number is refused politely', () => {
    expect(parseArgs(statement.options, input({ id: 's1', reason: ' typo ', side: 'iran' }, 'retract'))).toEqual({ subcommand: 'retract', id: 's1', reason: 'typo' });
    expect(parseArgs(statement.options, input({}, 'retract'))).toEqual({ subcommand: 'retract', id: '', reason: '' });
    const spec = defineOptions({ 'window set': { days: 'integer!' } });
    expect(parseArgs(spec, input({ days: 3 }, 'set', 'window'))).toEqual({ subcommandGroup: 'window', subcommand: 'set', days: 3 });
    expect(() => parseArgs(spec, input({}, 'set', 'window'))).toThrow(UserError);
    // Named without its group (as the handlers always took it), a subcommand only one group has is still read.
    expect(parseArgs(spec, input({ days: 4 }, 'set'))).toEqual({ subcommandGroup: 'window', subcommand: 'set', days: 4 });
  });

  it('types each option from the declaration: optional ones may be undefined, required ones are there once narrowed', () => {
    type Timeline = ArgumentsOf<typeof timeline.options>;
    expectTypeOf<Timeline['side']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Timeline['page']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Timeline['image']>().toEqualTypeOf<boolean | undefined>();
    type Statement = ArgumentsOf<typeof statement.options>;
    expectTypeOf<Extract<Statement, { subcommand: 'retract' }>['reason']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Statement, { subcommand: 'edit' }>['reason']>().toEqualTypeOf<string | undefined>();
    // `event` exists only on `add`: readable everywhere, undefined elsewhere.
    expectTypeOf<Extract<Statement, { subcommand: 'retract' }>['event']>().toEqualTypeOf<undefined>();
  });

  it('reading an option the command does not define does not compile', () => {
    const args = parseArgs(timeline.options, input({}));
    // @ts-expect-error — /timeline has no `speaker` option
    expect(args.speaker).toBeUndefined();
    const written = parseArgs(statement.options, input({}, 'add'));
    // @ts-expect-error — /statement has no `kind` option (that is /claim's)
    expect(written.kind).toBeUndefined();
    // @ts-expect-error — `page` is an integer, not a string
    const page: string | undefined = parseArgs(timeline.options, input({})).page;
    expect(page).toBeUndefined();
  });
});
