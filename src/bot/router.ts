import { randomUUID } from 'node:crypto';
import {
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { LIMITS } from '../briefing/limits.js';
import { notice, UserError, type Reply } from '../briefing/reply.js';
import { runCommand } from '../commands/shared.js';
import type { Command, CommandContext } from '../commands/types.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../logger.js';
import { toCommandInput } from './interaction-input.js';
import { toReplyOptions } from './reply-options.js';

export interface RouterDependencies {
  commands: readonly Command[];
  store: Store;
  logger: Logger;
  timeZone: string;
  clock?: () => Date;
}

/**
 * The one entry point for every interaction. A user's mistake gets a polite private reply; a bug
 * gets "something went wrong (ref …)" and one log line with the same ref; nothing escapes.
 */
export function createInteractionRouter({ commands, store, logger, timeZone, clock = () => new Date() }: RouterDependencies) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const contextOf = (interaction: Interaction): CommandContext => ({
    store,
    now: clock(),
    guildId: interaction.guildId,
    userId: interaction.user.id,
    userName: interaction.user.username,
    canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    locale: interaction.locale,
    timeZone,
  });

  async function onChatInput(interaction: ChatInputCommandInteraction) {
    const command = byName.get(interaction.commandName);
    if (!command) throw new UserError(`I don't know \`/${interaction.commandName}\` any more — try \`/help\`.`);
    const reply = await runCommand(command, toCommandInput(interaction.options.data), contextOf(interaction));
    await interaction.reply(toReplyOptions(reply));
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

  async function onButton(interaction: ButtonInteraction) {
    const [name = '', ...args] = interaction.customId.split(':');
    const command = byName.get(name);
    if (!command?.component) throw new UserError('This button no longer works — run the command again.');
    const reply = await command.component(args, contextOf(interaction));
    const invokerId = interaction.message.interactionMetadata?.user.id;
    // Someone else's click gets their own private copy instead of changing the invoker's view.
    if (reply.ephemeral || (invokerId && invokerId !== interaction.user.id)) {
      await interaction.reply(toReplyOptions(reply, true));
    } else {
      const { flags: _flags, ...update } = toReplyOptions(reply);
      await interaction.update(update);
    }
  }

  async function answerFailure(interaction: Interaction, error: unknown) {
    let reply: Reply;
    if (error instanceof UserError) {
      reply = notice(error.message);
    } else {
      const ref = randomUUID().slice(0, 8);
      logger.error({ err: error, ref, interaction: describe(interaction) }, 'interaction failed');
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
      else if (interaction.isButton()) await onButton(interaction);
    } catch (error) {
      try {
        await answerFailure(interaction, error);
      } catch (secondError) {
        logger.error({ err: secondError, interaction: describe(interaction) }, 'could not answer a failed interaction');
      }
    }
  };
}

function describe(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    command: 'commandName' in interaction ? interaction.commandName : undefined,
    customId: 'customId' in interaction ? interaction.customId : undefined,
    guildId: interaction.guildId,
    userId: interaction.user.id,
    userName: interaction.user.username,
    canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}
