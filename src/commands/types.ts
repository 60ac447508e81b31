import type { APIApplicationCommandOptionChoice, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Reply } from '../briefing/reply.js';
import type { Store } from '../data/store.js';

export type OptionValue = string | number | boolean;

/** A command invocation as plain data, whether it came from Discord or from the console. */
export interface CommandInput {
  subcommandGroup?: string;
  subcommand?: string;
  options: Readonly<Record<string, OptionValue>>;
}

/** What a handler may use besides its input. Passed in; never reached for globally. */
export interface CommandContext {
  store: Store;
  now: Date;
  guildId: string | null;
  userId: string;
  userName: string;
  /** Manage Server in this server, as Discord resolved it for this interaction. */
  canManageServer: boolean;
  locale: string;
  /** The deployment's zone (SITREP_TIMEZONE), for dates people type. */
  timeZone: string;
}

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(input: CommandInput, context: CommandContext): Reply | Promise<Reply>;
  autocomplete?(focused: { name: string; value: string }, input: CommandInput, context: CommandContext): Choice[];
  /** Handles components whose custom_id is `<command name>:<args joined by ":">`. */
  component?(args: string[], context: CommandContext): Reply | Promise<Reply>;
}

export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function integerOption(input: CommandInput, name: string): number | undefined {
  const value = input.options[name];
  return typeof value === 'number' ? Math.trunc(value) : undefined;
}

export function booleanOption(input: CommandInput, name: string): boolean | undefined {
  const value = input.options[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** `timeline:2:iran-pakistan-2024:iran` — every part a slug or a number, so ":" never appears inside one. */
export function customId(command: string, ...args: Array<string | number | undefined>): string {
  return [command, ...args.map((arg) => arg ?? '')].join(':');
}
