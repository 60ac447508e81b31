import { shorten } from '../briefing/render/paginate.js';
import { StoreChangedOnDisk, StoreWriteFailed } from '../data/store.js';
import { randomUUID } from 'node:crypto';
import {
  ComponentType,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { LIMITS } from '../briefing/reply/limits.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { dispatch, routeCustomId } from '../commands/dispatch.js';
import { readerMessages } from '../commands/shared.js';
import { en } from '../i18n/en.js';
import { isModal, type Answer, type Command, type CommandContext, type ModalFields } from '../commands/types.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../logger.js';
import { describeDiscordError, loggableError, UNANSWERABLE_INTERACTION, unanswerableCode } from './discord-faults.js';
import { channelOptionIds, toCommandInput } from './interaction-input.js';
import { downloadText } from './download.js';
import { fetchReport } from '../intake/fetch.js';
import { toReplyOptions } from './reply-options.js';

export interface RouterDependencies {
  commands: readonly Command[];
  store: Store;
  logger: Logger;
  timeZone: string;
  editorialGuildIds: readonly string[];
  defaultStoryId?: string;
  publish?: CommandContext['publish'];
  editing?: CommandContext['editing'];
  scheduler?: CommandContext['scheduler'];
  loadedTerms?: CommandContext['loadedTerms'];
  /** Addresses a fetched report may come from although not public (SITREP_FETCH_ALLOW). */
  fetchAllow?: readonly string[];
  clock?: () => Date;
  /** Told of every interaction once it is handled (the metrics). */
  observe?: (record: InteractionRecord) => void;
}

/**
 * How an interaction ended: answered (`ok`), turned down with a polite reply (`refused`: a user's
 * mistake, missing rights, a write the store would not make), a bug (`bug`, with the ref the user was
 * shown), or too late or already answered to answer at all (`unanswered`).
 */
export type Outcome = { outcome: 'ok' | 'refused' | 'write-failed' | 'unanswered' } | { outcome: 'bug'; ref: string };

/** What the per-interaction log line and the metrics say of one interaction: never what was typed. */
export interface InteractionRecord {
  /** Discord's id of the interaction (to find it beside an error line). */
  id: string;
  kind: 'command' | 'autocomplete' | 'button' | 'select' | 'modal' | 'other';
  /** The command (and subcommand) it belongs to, as registered: `timeline`, `update add`. */
  name: string;
  guildId: string | null;
  ms: number;
  outcome: Outcome['outcome'];
  ref?: string;
}

/**
 * The one entry point for every interaction. A user's mistake gets a polite private reply; a bug
 * gets "something went wrong (ref …)" and one log line with the same ref; nothing escapes.
 */
export function createInteractionRouter(deps: RouterDependencies) {
  const { commands, store, logger, clock = () => new Date() } = deps;
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const contextOf = (interaction: Interaction, defer?: () => Promise<void>): CommandContext => ({
    store,
    now: clock(),
    guildId: interaction.guildId,
    userId: interaction.user.id,
    userName: interaction.user.username,
    member:
      interaction.inGuild() && interaction.memberPermissions
        ? { permissions: interaction.memberPermissions.bitfield, roleIds: memberRoleIds(interaction) }
        : null,
    locale: interaction.locale,
    timeZone: deps.timeZone,
    editorialGuildIds: deps.editorialGuildIds,
    defaultStoryId: deps.defaultStoryId,
    publish: deps.publish,
    editing: deps.editing,
    scheduler: deps.scheduler,
    download: downloadText,
    fetchPage: (link) => fetchReport(link, { allow: deps.fetchAllow ?? [] }),
    loadedTerms: deps.loadedTerms,
    ...(defer ? { defer } : {}),
  });
  const routed = (customId: string) => routeCustomId(commands, customId);

  async function onChatInput(interaction: ChatInputCommandInteraction, deferred: Deferral) {
    checkChannels(interaction);
    // A slow handler answers "thinking…" privately first; its answer then edits that reply.
    const defer = async () => {
      if (deferred.as || interaction.replied) return;
      deferred.as = 'reply';
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    };
    const answer = await dispatch(commands, { kind: 'command', name: interaction.commandName, input: toCommandInput(interaction.options.data) }, contextOf(interaction, defer));
    if (isModal(answer)) {
      if (deferred.as) throw new Error('a command deferred its reply and then answered with a form');
      await interaction.showModal(answer.modal);
    } else if (deferred.as) await interaction.editReply(withoutFlags(answer));
    else await interaction.reply(toReplyOptions(answer));
  }

  async function onAutocomplete(interaction: AutocompleteInteraction) {
    const focused = interaction.options.getFocused(true);
    const choices = await dispatch(
      commands,
      { kind: 'autocomplete', name: interaction.commandName, focused: { name: focused.name, value: String(focused.value) }, input: toCommandInput(interaction.options.data) },
      contextOf(interaction),
    );
    await interaction.respond(choices.slice(0, LIMITS.autocompleteChoices));
  }

  async function onComponent(interaction: ButtonInteraction | StringSelectMenuInteraction, deferred: Deferral) {
    const invokerId = interaction.message.interactionMetadata?.user.id;
    const own = invokerId === interaction.user.id;
    // A slow handler acknowledges the click first: on the clicker's own message silently (the answer
    // then replaces it), on anyone else's with a private "thinking…" that the answer then fills.
    const defer = async () => {
      if (deferred.as || interaction.replied) return;
      if (own) {
        deferred.as = 'update';
        await interaction.deferUpdate();
      } else {
        deferred.as = 'reply';
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      }
    };
    const values = interaction.isStringSelectMenu() ? interaction.values : [];
    const answer: Answer = await dispatch(commands, { kind: 'component', customId: interaction.customId, values }, contextOf(interaction, defer));
    if (isModal(answer)) {
      if (deferred.as) throw new Error('a button handler deferred and then answered with a form');
      return interaction.showModal(answer.modal);
    }
    if (deferred.as) {
      await interaction.editReply(withoutFlags(answer));
      return;
    }
    // Someone else's click — or any click on a channel post, which has no invoker — gets a private
    // copy instead of changing the message everyone sees.
    // A private answer to a choice in a select menu (opening an item of a list) comes as a new private
    // message, even under a private list: the list stays, to open another.
    if (answer.ephemeral && (!interaction.message.flags.has('Ephemeral') || interaction.isStringSelectMenu())) {
      await interaction.reply(toReplyOptions(answer, true));
    } else if (!own) {
      await interaction.reply(toReplyOptions(answer, true));
    } else {
      await interaction.update(withoutFlags(answer));
    }
  }

  async function onModalSubmit(interaction: ModalSubmitInteraction) {
    const reply = await dispatch(commands, { kind: 'modal', customId: interaction.customId, fields: modalFields(interaction) }, contextOf(interaction));
    if (isModal(reply)) throw new Error('a form was answered with another form');
    // A form reopened from a preview's Edit button replaces that preview.
    if (interaction.isFromMessage()) await interaction.update(withoutFlags(reply));
    else await interaction.reply(toReplyOptions(reply));
  }

  /** The member's language for the router's own replies; English if even the settings cannot be read. */
  function moderationFor(interaction: Interaction) {
    try {
      return readerMessages({ store, guildId: interaction.guildId, locale: interaction.locale }).moderation;
    } catch {
      return en.moderation;
    }
  }

  /** The one place a failure is classified: its log line, the reply the user gets, and the outcome logged for it. */
  function failureAnswer(interaction: Interaction, error: unknown): { reply: Reply; outcome: Outcome } {
    if (error instanceof UserError) {
      return { reply: notice(shorten(error.message, LIMITS.content)), outcome: { outcome: 'refused' } };
    }
    if (error instanceof StoreChangedOnDisk) {
      // Not a bug: someone edited the data file by hand. The operator must decide; the member is told plainly.
      logger.error({ dataFile: error.path, interaction: describe(interaction) }, error.message);
      return {
        reply: notice(moderationFor(interaction).dataFileChanged),
        outcome: { outcome: 'refused' },
      };
    }
    if (error instanceof StoreWriteFailed) {
      // Not a bug either: the disk is full or failing. The store logged the file and the error; the store stays usable.
      return {
        reply: notice(moderationFor(interaction).diskFull),
        outcome: { outcome: 'write-failed' },
      };
    }
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: loggableError(error), ref, interaction: describe(interaction) }, 'interaction failed');
    return {
      reply: notice(moderationFor(interaction).somethingWentWrong(ref)),
      outcome: { outcome: 'bug', ref },
    };
  }

  async function sendFailure(interaction: Interaction, reply: Reply, deferred: Deferral) {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      // After a private "thinking…", the failure takes its place; after a silent acknowledgement of a
      // click (or an answer already sent), it comes as a private follow-up.
      if (deferred.as === 'reply' && !interaction.replied) await interaction.editReply(withoutFlags(reply));
      else if (interaction.replied || interaction.deferred) await interaction.followUp(toReplyOptions(reply, true));
      else await interaction.reply(toReplyOptions(reply, true));
    }
  }

  return async function route(interaction: Interaction): Promise<void> {
    // How this interaction was acknowledged early, if a handler asked to (this interaction's own state).
    const deferred: Deferral = {};
    const started = performance.now();
    let outcome: Outcome = { outcome: 'ok' };
    try {
      if (interaction.isChatInputCommand()) await onChatInput(interaction, deferred);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await onComponent(interaction, deferred);
      else if (interaction.isModalSubmit()) await onModalSubmit(interaction);
    } catch (error) {
      // Too late, or answered already: another answer would fail the same way. Said once, not retried.
      if (unanswerable(interaction, error)) {
        outcome = { outcome: 'unanswered' };
      } else {
        const failure = failureAnswer(interaction, error);
        outcome = failure.outcome;
        try {
          await sendFailure(interaction, failure.reply, deferred);
        } catch (secondError) {
          if (!unanswerable(interaction, secondError)) {
            logger.error({ err: loggableError(secondError), interaction: describe(interaction) }, 'could not answer a failed interaction');
          }
        }
      }
    }
    const record: InteractionRecord = { id: interaction.id, ...identify(interaction), guildId: interaction.guildId, ms: Math.round(performance.now() - started), ...outcome };
    // One line per interaction; autocomplete (one per keystroke) only at debug.
    logger[record.kind === 'autocomplete' ? 'debug' : 'info'](record, 'interaction');
    deps.observe?.(record);
  };

  /** The interaction's kind and registered name; a name or subcommand the registry does not have is `unknown`. */
  function identify(interaction: Interaction): Pick<InteractionRecord, 'kind' | 'name'> {
    if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      const kind = interaction.isAutocomplete() ? 'autocomplete' : 'command';
      if (!command) return { kind, name: 'unknown' };
      const path = [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter((part): part is string => Boolean(part));
      return { kind, name: registeredPath(command, path) };
    }
    const kind = interaction.isButton() ? 'button' : interaction.isStringSelectMenu() ? 'select' : interaction.isModalSubmit() ? 'modal' : 'other';
    const { command } = 'customId' in interaction && typeof interaction.customId === 'string' ? routed(interaction.customId) : { command: undefined };
    return { kind, name: command?.data.name ?? 'unknown' };
  }

  function unanswerable(interaction: Interaction, error: unknown): boolean {
    const code = unanswerableCode(error);
    if (code === undefined) return false;
    logger.warn({ interaction: describe(interaction), discord: describeDiscordError(error) }, `could not answer: ${UNANSWERABLE_INTERACTION[code]}`);
    return true;
  }
}

/** Whether a handler had the interaction acknowledged before its answer: a private "thinking…" reply, or a silent update. */
interface Deferral {
  as?: 'reply' | 'update';
}

/**
 * In a server, a channel option must name one of that server's channels that the bot can see.
 * Discord's picker offers only those, but the bot acts on the id it is given, and a hand-made
 * payload could otherwise schedule or subscribe another server's channel.
 */
function checkChannels(interaction: ChatInputCommandInteraction) {
  if (!interaction.inGuild()) return;
  for (const id of channelOptionIds(interaction.options.data)) {
    const channel = interaction.client.channels.cache.get(id);
    if (!channel || channel.isDMBased() || channel.guildId !== interaction.guildId) {
      throw new UserError(`That channel (\`${id}\`) is not a channel of this server that Sitrep can see: pick one from the list. Nothing was changed.`);
    }
  }
}

/** `update add`: the command's name and the subcommand path, kept only as far as the command defines it. */
function registeredPath(command: Command, path: readonly string[]): string {
  const names = [command.data.name];
  let options: ReadonlyArray<{ name: string; type: number; options?: unknown }> | undefined = command.data.options;
  for (const part of path) {
    const found = options?.find((option) => option.name === part && (option.type === 1 || option.type === 2));
    if (!found) break;
    names.push(part);
    options = found.options as typeof options;
  }
  return names.join(' ');
}

function withoutFlags(reply: Reply) {
  const { flags: _flags, ...update } = toReplyOptions(reply);
  return update;
}

function memberRoleIds(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** Text inputs as strings and selects as arrays, by custom_id, whatever layout the modal used. */
function modalFields(interaction: ModalSubmitInteraction): ModalFields {
  const fields: Record<string, string | readonly string[]> = {};
  for (const [customId, field] of interaction.fields.fields) {
    if (field.type === ComponentType.TextInput) fields[customId] = field.value;
    else if ('values' in field && field.values) fields[customId] = [...field.values];
  }
  return fields;
}

function describe(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    command: 'commandName' in interaction ? interaction.commandName : undefined,
    customId: 'customId' in interaction ? interaction.customId : undefined,
    guildId: interaction.guildId,
    userId: interaction.user.id,
  };
}
