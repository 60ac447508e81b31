import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { UserError } from '../briefing/reply/reply.js';
import type { CommandInput } from './types.js';

/**
 * What one option holds, as a command declares it beside its builder: `string`, `integer`, `number`,
 * `boolean`, `channel` (the channel's id), `role` (the role's id) or `attachment` (the attachment's id); a trailing `!` when
 * the option is required.
 */
export type OptionKind = 'string' | 'integer' | 'number' | 'boolean' | 'channel' | 'role' | 'attachment';
type Declared = OptionKind | `${OptionKind}!`;

/**
 * A command's options, by subcommand path: `''` for a command without subcommands, `'add'` for a
 * subcommand, `'moderator-role add'` for a subcommand in a group. Declared `as const` beside the
 * command's `data`; `tests/commands/args.test.ts` checks that every command's declaration is exactly
 * what its `data` registers (names, kinds, required), so the two cannot drift apart.
 */
export type OptionsSpec = Readonly<Record<string, Readonly<Record<string, Declared>>>>;

type ValueOf<K> = K extends `${infer Bare}!` ? ValueOf<Bare> : K extends 'integer' | 'number' ? number : K extends 'boolean' ? boolean : string;

/** One subcommand's options: a required option is always there, an optional one may be undefined. */
type OptionsOf<O> = { -readonly [N in keyof O as O[N] extends `${string}!` ? N : never]: ValueOf<O[N]> } & {
  -readonly [N in keyof O as O[N] extends `${string}!` ? never : N]?: ValueOf<O[N]> | undefined;
};

type AllNames<S> = { [P in keyof S]: keyof S[P] }[keyof S];

type Path<P> = P extends '' ? { subcommandGroup?: undefined; subcommand?: undefined }
  : P extends `${infer Group} ${infer Sub}` ? { subcommandGroup: Group; subcommand: Sub }
  : { subcommandGroup?: undefined; subcommand: P };

/**
 * The typed arguments of a command, derived from its declaration: one variant per subcommand, told
 * apart by `subcommand` (and `subcommandGroup`). Every option the command defines can be read on any
 * variant (`undefined` where that subcommand lacks it); narrowing by `subcommand` makes its required
 * options non-optional; reading an option the command does not define is a type error.
 */
export type ArgumentsOf<S extends OptionsSpec> = {
  [P in keyof S & string]: Path<P> & OptionsOf<S[P]> & { [N in Exclude<AllNames<S>, keyof S[P]>]?: undefined };
}[keyof S & string];

/** Declares a command's options (see OptionsSpec), keeping its literal types. */
export function defineOptions<const S extends OptionsSpec>(spec: S): S {
  return spec;
}

/**
 * Reads a command's input once, against its declaration: strings and channel/role/attachment ids
 * trimmed (a blank one is absent), integers whole, booleans as given. A value of the wrong kind reads as
 * absent; a required string that is absent reads as `''`, as handlers treated it before, and a
 * required number or boolean that is absent is refused politely (Discord always sends both; the console checks).
 */
export function parseArgs<const S extends OptionsSpec>(spec: S, input: CommandInput): ArgumentsOf<S> {
  const path = [input.subcommandGroup, input.subcommand].filter(Boolean).join(' ');
  // A subcommand given without its group (as handlers always accepted) is found by its own name when only one group has it.
  const grouped = Object.keys(spec).filter((candidate) => !input.subcommandGroup && input.subcommand && candidate.endsWith(` ${input.subcommand}`));
  const found = spec[path] ? path : grouped.length === 1 ? grouped[0]! : path;
  const declared = spec[found] ?? {};
  const args: Record<string, unknown> = {};
  const group = input.subcommandGroup ?? (found.includes(' ') ? found.split(' ')[0] : undefined);
  if (group) args.subcommandGroup = group;
  if (input.subcommand) args.subcommand = input.subcommand;
  for (const [name, kind] of Object.entries(declared)) {
    const value = readValue(kind.replace(/!$/, '') as OptionKind, input.options[name]);
    if (value !== undefined) args[name] = value;
    else if (kind === 'string!' || kind === 'channel!' || kind === 'role!' || kind === 'attachment!') args[name] = '';
    else if (kind.endsWith('!')) throw new UserError(`\`${name}:\` is needed. Nothing was changed.`);
  }
  return args as ArgumentsOf<S>;
}

function readValue(kind: OptionKind, value: unknown): string | number | boolean | undefined {
  switch (kind) {
    case 'string':
    case 'channel':
    case 'role':
    case 'attachment':
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
  }
}

const KIND_OF: Partial<Record<ApplicationCommandOptionType, OptionKind>> = {
  [ApplicationCommandOptionType.String]: 'string',
  [ApplicationCommandOptionType.Integer]: 'integer',
  [ApplicationCommandOptionType.Number]: 'number',
  [ApplicationCommandOptionType.Boolean]: 'boolean',
  [ApplicationCommandOptionType.Channel]: 'channel',
  [ApplicationCommandOptionType.Role]: 'role',
  [ApplicationCommandOptionType.Attachment]: 'attachment',
};

/** The declaration a command's registered `data` implies: what its OptionsSpec must equal. */
export function optionsSpecOf(data: RESTPostAPIChatInputApplicationCommandsJSONBody): Record<string, Record<string, string>> {
  const spec: Record<string, Record<string, string>> = {};
  const visit = (options: readonly APIApplicationCommandOption[], path: string[]) => {
    const leaves: Record<string, string> = {};
    let nested = false;
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
        nested = true;
        visit(option.options ?? [], [...path, option.name]);
      } else {
        const kind = KIND_OF[option.type] ?? `unsupported type ${option.type}`;
        leaves[option.name] = option.required ? `${kind}!` : kind;
      }
    }
    if (!nested) spec[path.join(' ')] = leaves;
  };
  visit(data.options ?? [], []);
  return spec;
}
