import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
} from 'discord.js';
import fc from 'fast-check';
import type { Command, CommandInput, OptionValue } from '../../src/commands/types.js';
import type { StoreData } from '../../src/data/schema.js';
import { DATES, hostileInteger, hostileText, snowflake, unknownId } from './hostile.js';
import { MODERATOR_ROLE, PEOPLE, SUBSCRIBED_CHANNEL, type Who } from './harness.js';

/** One way to invoke a command: its subcommand group and subcommand, and the options it then takes. */
export interface Invocation {
  subcommandGroup?: string;
  subcommand?: string;
  options: readonly APIApplicationCommandBasicOption[];
}

const isNested = (option: APIApplicationCommandOption) =>
  option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;

/** Every subcommand path of a command, read from its definition (what Discord shows). */
export function invocations(command: Command): Invocation[] {
  const walk = (options: readonly APIApplicationCommandOption[], path: Omit<Invocation, 'options'>): Invocation[] => {
    const nested = options.filter(isNested);
    if (nested.length === 0) return [{ ...path, options: options as APIApplicationCommandBasicOption[] }];
    return nested.flatMap((option) => {
      const inner = 'options' in option ? ((option.options ?? []) as APIApplicationCommandOption[]) : [];
      return option.type === ApplicationCommandOptionType.SubcommandGroup
        ? walk(inner, { subcommandGroup: option.name })
        : walk(inner, { ...path, subcommand: option.name });
    });
  };
  return walk(command.data.options ?? [], {});
}

/** A valid pattern as long as the option's 100 characters allow (98–100). */
export const LONG_CRON = (() => {
  let minutes = '0';
  for (let minute = 1; minute < 60 && `${minutes},${minute} 8 * * *`.length <= 100; minute++) minutes += `,${minute}`;
  return `${minutes} 8 * * *`;
})();

/** Values that name something real, by option name: they let the generated inputs reach past the first check. */
export type Known = Readonly<Record<string, readonly string[]>>;

export function knownValues(data: Readonly<StoreData>): Known {
  const stories = data.stories;
  const sides = stories.flatMap((story) => story.sides.flatMap((side) => [side.id, side.name, ...side.aliases]));
  const events = data.events.map((event) => event.id);
  return {
    story: stories.map((story) => story.id),
    side: sides,
    compare: sides,
    actor: data.actors.flatMap((actor) => [actor.id, actor.name]),
    id: [...events, ...data.schedules.map((schedule) => schedule.id)],
    event: events,
    source: data.sources.map((source) => source.id),
    claim: data.claims.map((claim) => claim.id),
    timezone: ['UTC', 'Asia/Karachi', 'Asia/Tehran', 'Europe/London', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Etc/GMT+12', 'utc', 'Mars/Olympus'],
    time: ['08:00', '8:00', '23:59', '00:00', '24:00', '7:5', '12:60', '08:00pm', '８:００'],
    days: ['daily', 'weekdays', 'mon,wed,fri', 'every day', 'sun sat', 'monday,tuesday', 'xyz', ',,,', 'mon,mon,mon'],
    cron: [
      '0 8 * * *',
      '*/5 * * * *',
      '0 0 29 2 *',
      '0 8 * * 1-5',
      LONG_CRON,
      '* * * * * *',
      '@daily',
      '60 * * * *',
      '0 8 31 2 *',
    ],
    since: DATES,
    from: DATES,
    to: DATES,
    query: ['kerman', 'iran', 'strike', 'pakistan ambassador', 'a', '*', ':', 'a:b:c', 'kermann', 'jaish al adl'],
    speaker: ['foreign ministry', 'Iran', 'Pakistan', "O'Brien", 'a_b', 'Amir-Abdollahian'],
    reason: ['Not confirmed by either report', 'duplicate'],
    channel: [SUBSCRIBED_CHANNEL],
    role: [MODERATOR_ROLE],
  };
}

function valueFor(option: APIApplicationCommandBasicOption, known: Known): fc.Arbitrary<OptionValue> {
  switch (option.type) {
    case ApplicationCommandOptionType.Boolean:
      return fc.boolean();
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return hostileInteger;
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Mentionable: {
      // Discord resolves these itself: the bot only ever gets an id.
      const real = known[option.name] ?? [];
      return real.length ? fc.oneof(fc.constantFrom(...real), snowflake) : snowflake;
    }
    case ApplicationCommandOptionType.String: {
      const real = [...(known[option.name] ?? []), ...('choices' in option ? (option.choices ?? []).map((choice) => String(choice.value)) : [])];
      return fc.oneof(
        ...(real.length ? [{ weight: 4, arbitrary: fc.constantFrom(...real) }] : []),
        { weight: 4, arbitrary: hostileText },
        { weight: 1, arbitrary: unknownId },
      );
    }
    default:
      return fc.constant('');
  }
}

/** A value that names something real or is otherwise valid for the option, where one is known. */
function goodValueFor(option: APIApplicationCommandBasicOption, known: Known): fc.Arbitrary<OptionValue> {
  const real = [...(known[option.name] ?? []), ...('choices' in option ? (option.choices ?? []).map((choice) => String(choice.value)) : [])];
  if (option.type === ApplicationCommandOptionType.String && real.length) return fc.constantFrom(...real);
  if (option.type === ApplicationCommandOptionType.Integer) return fc.integer({ min: 1, max: 5 });
  return valueFor(option, known);
}

/**
 * Inputs for a command as Discord (or the console) would deliver them, and worse: any subcommand,
 * each option given or not (a required one is left out now and then), with known names, hostile
 * text, unknown ids and out-of-range numbers. Half the time every option is a good value but one,
 * so the hostile one gets past the other checks to the code that handles it.
 */
export function inputArbitrary(command: Command, known: Known): fc.Arbitrary<CommandInput> {
  const paths = invocations(command);
  const build = (path: Invocation, entries: ReadonlyArray<readonly [string, OptionValue | undefined]>): CommandInput => ({
    ...(path.subcommandGroup ? { subcommandGroup: path.subcommandGroup } : {}),
    ...(path.subcommand ? { subcommand: path.subcommand } : {}),
    options: Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as Record<string, OptionValue>,
  });
  const wild = (path: Invocation) =>
    fc
      .tuple(
        ...path.options.map((option) =>
          fc.option(valueFor(option, known), { nil: undefined, freq: option.required ? 20 : 2 }).map((value) => [option.name, value] as const),
        ),
      )
      .map((entries) => build(path, entries));
  const oneBad = (path: Invocation) =>
    fc.nat(Math.max(path.options.length - 1, 0)).chain((bad) =>
      fc
        .tuple(
          ...path.options.map((option, index) =>
            index === bad
              ? valueFor(option, known).map((value) => [option.name, value] as const)
              : fc.option(goodValueFor(option, known), { nil: undefined, freq: option.required ? 1_000 : 2 }).map((value) => [option.name, value] as const),
          ),
        )
        .map((entries) => build(path, entries)),
    );
  return fc.constantFrom(...paths).chain((path) => fc.oneof(wild(path), oneBad(path)));
}

/** Options of an invocation that autocomplete, with the values that would be typed into them. */
export function autocompleted(path: Invocation): string[] {
  return path.options.filter((option) => option.type === ApplicationCommandOptionType.String && option.autocomplete).map((option) => option.name);
}

/** Anyone: readers anywhere, moderators by permission or role, server managers, people in other servers. */
export const anyone: fc.Arbitrary<Who> = fc
  .tuple(
    fc.constantFrom(...Object.values(PEOPLE)),
    fc.option(fc.oneof(fc.stringMatching(/^[a-z0-9_.]{2,32}$/), fc.constantFrom('__init__', 'a_b_c', '..', 'everyone')), { nil: undefined }),
  )
  .map(([who, name]) => ({ ...who, userName: name ?? who.userName }));

/** Someone allowed to write, most of the time, so writes get past the rights check. */
export const mostlyModerators: fc.Arbitrary<Who> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(PEOPLE.moderator, PEOPLE.roleModerator, { ...PEOPLE.moderator, member: { permissions: PEOPLE.moderator.member!.permissions | PEOPLE.manager.member!.permissions, roleIds: [] } }) },
  { weight: 1, arbitrary: anyone },
);
