import type { LoadedTerms } from '../briefing/input/neutrality.js';
import type {
  APIApplicationCommandOptionChoice,
  APIModalInteractionResponseCallbackData,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { PostEditing } from '../bot/deliver.js';
import type { DeliveryTarget, Reply } from '../briefing/reply/reply.js';
import type { ChannelKind } from '../data/schema.js';
import type { Store } from '../data/store.js';
import type { OptionsSpec } from './args.js';

export type OptionValue = string | number | boolean;

/** A command invocation as plain data, whether it came from Discord or from the console. */
export interface CommandInput {
  subcommandGroup?: string;
  subcommand?: string;
  options: Readonly<Record<string, OptionValue>>;
  /** The kind of each channel option's channel, as Discord resolved it. */
  channelKinds?: Readonly<Record<string, ChannelKind>>;
  /** Each attachment option's file, as Discord described it (its `options` value is the attachment's id). */
  attachments?: Readonly<Record<string, AttachmentRef>>;
}

/** A file attached to a command: where Discord serves it, its name, size in bytes and declared type. */
export interface AttachmentRef {
  url: string;
  name: string;
  size: number;
  contentType?: string;
}

/** What a handler may use besides its input. Passed in; never reached for globally. */
export interface CommandContext {
  store: Store;
  now: Date;
  guildId: string | null;
  userId: string;
  userName: string;
  /** The member's resolved permissions and roles in this server; null outside a server. */
  member: { permissions: bigint; roleIds: readonly string[] } | null;
  locale: string;
  /** The deployment's zone (SITREP_TIMEZONE), for dates people type. */
  timeZone: string;
  /** Servers whose moderators may change the store (SITREP_EDITORIAL_GUILD_IDS). */
  editorialGuildIds: readonly string[];
  /** The story a server reads until it runs `/story use` (SITREP_DEFAULT_STORY); else the first in the store. */
  defaultStoryId?: string;
  /**
   * Answers Discord now ("thinking…", privately, or a silent acknowledgement of a click) so a slow
   * step (posting to channels) does not miss Discord's 3 s deadline; the handler's answer then edits
   * that reply. Absent where there is no deadline, as in the console.
   */
  defer?: () => Promise<void>;
  /**
   * Posts a message to a channel (with pings off); absent where there is no Discord, as in the console.
   * With `post`, its nonce is the post's (found again in the channel when it may already be there).
   */
  publish?: (target: DeliveryTarget, reply: Reply, post?: { nonce: string; mayExistSince?: Date }) => Promise<string>;
  /** Edits a post in place and starts a thread on it (a change to an event already posted); absent where there is no Discord. */
  editing?: PostEditing;
  /**
   * Fetches a file a member attached (its URL from Discord's interaction), refusing one over
   * `maxBytes`; absent where there is no Discord, as in the console.
   */
  download?: (url: string, maxBytes: number) => Promise<string>;
  /**
   * Fetches a report's page safely (src/intake/fetch.ts: public addresses only, limits on size, time and
   * redirects), refusing with an IntakeError; absent where there is no Discord, as in the console.
   */
  fetchPage?: (link: string) => Promise<{ url: string; kind: 'html' | 'text'; text: string }>;
  /** Loaded terms the previews flag (SITREP_LOADED_TERMS_FILE); absent: the bundled list. */
  loadedTerms?: LoadedTerms;
  /** The running scheduler; absent in the console. */
  scheduler?: { rearm(): void; runNow(scheduleId: string): Promise<string> };
}

/** A form for Discord to show; its submission comes back to the command's `modalSubmit`. */
export interface ModalAnswer {
  modal: APIModalInteractionResponseCallbackData;
}

export type Answer = Reply | ModalAnswer;

/** A modal's submitted values: text inputs as strings, selects as arrays of values. */
export type ModalFields = Readonly<Record<string, string | readonly string[]>>;

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** The options `data` registers, declared `as const` for typed args (see src/commands/args.ts); a test checks they agree. */
  options?: OptionsSpec;
  /**
   * `editorial`: a moderator command, registered by `npm run deploy` only in the editorial servers
   * (SITREP_EDITORIAL_GUILD_IDS); without it the command is registered globally.
   */
  scope?: 'editorial';
  execute(input: CommandInput, context: CommandContext): Answer | Promise<Answer>;
  autocomplete?(focused: { name: string; value: string }, input: CommandInput, context: CommandContext): Choice[];
  /**
   * Handles components whose custom_id is `<command name>:<parts joined by ":">`, read by the component's codec (src/commands/codec.ts);
   * `values` are a select menu's chosen options (empty for a button).
   */
  component?(args: string[], context: CommandContext, values?: readonly string[]): Answer | Promise<Answer>;
  /** Handles modals whose custom_id is `<command name>:<parts joined by ":">`, read by the form's codec. */
  modalSubmit?(args: string[], fields: ModalFields, context: CommandContext): Reply | Promise<Reply>;
}

export function isModal(answer: Answer): answer is ModalAnswer {
  return 'modal' in answer;
}

/** One option by name, for code shared by every command (autocomplete, `private:`); a command reads its typed args (parseArgs). */
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
