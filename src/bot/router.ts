import { shorten } from '../briefing/paginate.js';
import { StoreChangedOnDisk } from '../data/store.js';
import { randomUUID } from 'node:crypto';
import {
  ComponentType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { LIMITS } from '../briefing/limits.js';
import { notice, UserError, type Reply } from '../briefing/reply.js';
import { runCommand } from '../commands/shared.js';
import { isModal, type Answer, type Command, type CommandContext, type ModalFields } from '../commands/types.js';
import type { DraftBook } from '../commands/drafts.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../logger.js';
import { describeDiscordError, loggableError, UNANSWERABLE_INTERACTION, unanswerableCode } from './discord-faults.js';
import { channelOptionIds, toCommandInput } from './interaction-input.js';
import { toReplyOptions } from './reply-options.js';

export interface RouterDependencies {
  commands: readonly Command[];
  store: Store;
  logger: Logger;
  timeZone: string;
  editorialGuildIds: readonly string[];
  defaultStoryId?: string;
  drafts: DraftBook;
  publish?: CommandContext['publish'];
  scheduler?: CommandContext['scheduler'];
  clock?: () => Date;
}

/**
 * The one entry point for every interaction. A user's mistake gets a polite private reply; a bug
 * gets "something went wrong (ref …)" and one log line with the same ref; nothing escapes.
 */
export function createInteractionRouter(deps: RouterDependencies) {
  const { commands, store, logger, clock = () => new Date() } = deps;
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const contextOf = (interaction: Interaction): CommandContext => ({
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
    drafts: deps.drafts,
    publish: deps.publish,
    scheduler: deps.scheduler,
  });
  const routed = (customId: string) => {
    const [name = '', ...args] = customId.split(':');
    return { command: byName.get(name), args };
  };

  async function onChatInput(interaction: ChatInputCommandInteraction) {
    const command = byName.get(interaction.commandName);
    if (!command) throw new UserError(`I don't know \`/${interaction.commandName}\` any more — try \`/help\`.`);
    checkChannels(interaction);
    const answer = await runCommand(command, toCommandInput(interaction.options.data), contextOf(interaction));
    if (isModal(answer)) await interaction.showModal(answer.modal);
    else await interaction.reply(toReplyOptions(answer));
  }

  async function onAutocomplete(interaction: AutocompleteInteraction) {
    const command = byName.get(interaction.commandName);
    const focused = interaction.options.getFocused(true);
    const choices =
      command?.autocomplete?.(
        { name: focused.name, value: String(focused.value) },
        toCommandInput(interaction.options.data),
        contextOf(interaction),
      ) ?? [];
    await interaction.respond(choices.slice(0, LIMITS.autocompleteChoices));
  }

  async function onComponent(interaction: ButtonInteraction | StringSelectMenuInteraction) {
    const { command, args } = routed(interaction.customId);
    if (!command?.component) throw new UserError('This button no longer works — run the command again.');
    const answer: Answer = await command.component(args, contextOf(interaction));
    if (isModal(answer)) return interaction.showModal(answer.modal);
    const invokerId = interaction.message.interactionMetadata?.user.id;
    // Someone else's click — or any click on a channel post, which has no invoker — gets a private
    // copy instead of changing the message everyone sees.
    if (answer.ephemeral && !interaction.message.flags.has('Ephemeral')) {
      await interaction.reply(toReplyOptions(answer, true));
    } else if (invokerId !== interaction.user.id) {
      await interaction.reply(toReplyOptions(answer, true));
    } else {
      await interaction.update(withoutFlags(answer));
    }
  }

  async function onModalSubmit(interaction: ModalSubmitInteraction) {
    const { command, args } = routed(interaction.customId);
    if (!command?.modalSubmit) throw new UserError('This form no longer works — run the command again.');
    const reply = await command.modalSubmit(args, modalFields(interaction), contextOf(interaction));
    // A form reopened from a preview's Edit button replaces that preview.
    if (interaction.isFromMessage()) await interaction.update(withoutFlags(reply));
    else await interaction.reply(toReplyOptions(reply));
  }

  async function answerFailure(interaction: Interaction, error: unknown) {
    let reply: Reply;
    if (error instanceof UserError) {
      reply = notice(shorten(error.message, LIMITS.content));
    } else if (error instanceof StoreChangedOnDisk) {
      // Not a bug: someone edited the data file by hand. The operator must decide; the member is told plainly.
      logger.error({ dataFile: error.path, interaction: describe(interaction) }, error.message);
      reply = notice('Nothing was saved: the story’s data file was changed outside Sitrep, and Sitrep will not overwrite it. Ask whoever runs the bot to restart it, which loads the file as it is now.');
    } else {
      const ref = randomUUID().slice(0, 8);
      logger.error({ err: loggableError(error), ref, interaction: describe(interaction) }, 'interaction failed');
      reply = notice(`Something went wrong (ref \`${ref}\`). Please try again; if it keeps happening, tell the server's moderators.`);
    }
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      if (interaction.replied || interaction.deferred) await interaction.followUp(toReplyOptions(reply, true));
      else await interaction.reply(toReplyOptions(reply, true));
    }
  }

  return async function route(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await onChatInput(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await onComponent(interaction);
      else if (interaction.isModalSubmit()) await onModalSubmit(interaction);
    } catch (error) {
      // Too late, or answered already: another answer would fail the same way. Said once, not retried.
      if (unanswerable(interaction, error)) return;
      try {
        await answerFailure(interaction, error);
      } catch (secondError) {
        if (unanswerable(interaction, secondError)) return;
        logger.error({ err: loggableError(secondError), interaction: describe(interaction) }, 'could not answer a failed interaction');
      }
    }
  };

  function unanswerable(interaction: Interaction, error: unknown): boolean {
    const code = unanswerableCode(error);
    if (code === undefined) return false;
    logger.warn({ interaction: describe(interaction), discord: describeDiscordError(error) }, `could not answer: ${UNANSWERABLE_INTERACTION[code]}`);
    return true;
  }
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
