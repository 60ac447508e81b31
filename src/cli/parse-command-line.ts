import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
} from 'discord.js';
import { UserError } from '../briefing/reply/reply.js';
import type { Command, CommandInput, OptionValue } from '../commands/types.js';

export interface ParsedCommandLine {
  command: Command;
  input: CommandInput;
}

const TOKEN = /(\S+?):"([^"]*)"|(\S+?):(\S+)|(\S+)/g;

/**
 * Reads a command as typed in Discord — `/timeline side:iran`, `/search query:"kerman bombing"` —
 * and checks it against the command's own definition, as Discord would before sending it.
 */
export function parseCommandLine(line: string, commands: readonly Command[]): ParsedCommandLine {
  const [head = '', ...rest] = line.trim().split(/\s+/);
  const name = head.replace(/^\//, '');
  const command = commands.find((candidate) => candidate.data.name === name);
  if (!command) {
    throw new UserError(`Unknown command \`${head}\`. Commands: ${commands.map((c) => `/${c.data.name}`).join(', ')}.`);
  }

  const words: string[] = [];
  const given: Array<[string, string]> = [];
  for (const match of rest.join(' ').matchAll(TOKEN)) {
    if (match[5] !== undefined) words.push(match[5]);
    else given.push([match[1] ?? match[3]!, match[2] ?? match[4]!]);
  }

  let options: readonly APIApplicationCommandOption[] = command.data.options ?? [];
  const input: { subcommandGroup?: string; subcommand?: string; options: Record<string, OptionValue> } = { options: {} };
  for (const word of words) {
    const nested = options.find(
      (option) =>
        option.name === word &&
        (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup),
    );
    if (!nested || !('options' in nested)) throw new UserError(`\`/${name}\` has no subcommand \`${word}\`.`);
    if (nested.type === ApplicationCommandOptionType.SubcommandGroup) input.subcommandGroup = word;
    else input.subcommand = word;
    options = nested.options ?? [];
  }
  if (options.some((option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup)) {
    throw new UserError(`\`/${name}\` needs a subcommand: ${options.map((option) => option.name).join(', ')}.`);
  }

  const basic = options as readonly APIApplicationCommandBasicOption[];
  for (const [key, raw] of given) {
    const definition = basic.find((option) => option.name === key);
    if (!definition) {
      throw new UserError(`\`/${name}\` has no option \`${key}\`. Options: ${basic.map((o) => o.name).join(', ') || 'none'}.`);
    }
    input.options[key] = coerce(definition, raw);
  }
  const missing = basic.filter((option) => option.required && !(option.name in input.options));
  if (missing.length) throw new UserError(`\`/${name}\` needs ${missing.map((o) => `\`${o.name}:\``).join(', ')}.`);
  return { command, input };
}

function coerce(option: APIApplicationCommandBasicOption, raw: string): OptionValue {
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      const integer = option.type === ApplicationCommandOptionType.Integer;
      if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        throw new UserError(`\`${option.name}\` must be ${integer ? 'a whole number' : 'a number'}.`);
      }
      if (option.min_value !== undefined && value < option.min_value) {
        throw new UserError(`\`${option.name}\` must be at least ${option.min_value}.`);
      }
      if (option.max_value !== undefined && value > option.max_value) {
        throw new UserError(`\`${option.name}\` must be at most ${option.max_value}.`);
      }
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (raw !== 'true' && raw !== 'false') throw new UserError(`\`${option.name}\` must be true or false.`);
      return raw === 'true';
    case ApplicationCommandOptionType.String: {
      const choices = option.choices;
      if (choices?.length && !choices.some((choice) => choice.value === raw)) {
        throw new UserError(`\`${option.name}\` must be one of: ${choices.map((choice) => choice.value).join(', ')}.`);
      }
      return raw;
    }
    default:
      // Users, channels and roles are typed as their ids in the console.
      return raw;
  }
}
