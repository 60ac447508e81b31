import { UserError } from '../briefing/reply/reply.js';
import { readerMessages, runCommand } from './shared.js';
import type { Answer, Choice, Command, CommandContext, CommandInput, ModalFields } from './types.js';

/**
 * An interaction as plain data — no discord.js object: what the bot's router makes of Discord's
 * interaction, what the console makes of a typed line, and what the tests build directly.
 */
export type PlainInteraction =
  | { kind: 'command'; name: string; input: CommandInput }
  | { kind: 'autocomplete'; name: string; focused: { name: string; value: string }; input: CommandInput }
  /** A click on a button, or a choice in a select menu (its chosen `values`). */
  | { kind: 'component'; customId: string; values?: readonly string[] }
  | { kind: 'modal'; customId: string; fields: ModalFields };

/** What each kind of interaction is answered with: choices for autocomplete, else a reply or a form. */
export type DispatchResult<I extends PlainInteraction> = I extends { kind: 'autocomplete' } ? Choice[] : Answer;

/** The command a custom_id belongs to (`<command>:<parts…>`), and its parts after the name. */
export function routeCustomId(commands: readonly Command[], customId: string): { command: Command | undefined; parts: string[] } {
  const [name = '', ...parts] = customId.split(':');
  return { command: commands.find((candidate) => candidate.data.name === name), parts };
}

/**
 * The one dispatch: from the registry, an interaction as plain data and the context to the answer.
 * Used by the bot (src/bot/router.ts, after it turns Discord's interaction into plain data), the
 * console and the tests, so all three route a command, a click, a form and a keystroke alike.
 * A name or custom_id no command answers gets a polite refusal (a UserError), never a throw of a bug.
 */
export async function dispatch<I extends PlainInteraction>(commands: readonly Command[], interaction: I, context: CommandContext): Promise<DispatchResult<I>> {
  return (await dispatchAny(commands, interaction, context)) as DispatchResult<I>;
}

async function dispatchAny(commands: readonly Command[], interaction: PlainInteraction, context: CommandContext): Promise<Answer | Choice[]> {
  switch (interaction.kind) {
    case 'command': {
      const command = commands.find((candidate) => candidate.data.name === interaction.name);
      if (!command) throw new UserError(readerMessages(context).moderation.unknownCommand(interaction.name));
      return runCommand(command, interaction.input, context);
    }
    case 'autocomplete': {
      const command = commands.find((candidate) => candidate.data.name === interaction.name);
      return command?.autocomplete?.(interaction.focused, interaction.input, context) ?? [];
    }
    case 'component': {
      const { command, parts } = routeCustomId(commands, interaction.customId);
      if (!command?.component) throw new UserError(readerMessages(context).moderation.buttonStale);
      return command.component(parts, context, interaction.values ?? []);
    }
    case 'modal': {
      const { command, parts } = routeCustomId(commands, interaction.customId);
      if (!command?.modalSubmit) throw new UserError(readerMessages(context).moderation.formStale);
      return command.modalSubmit(parts, interaction.fields, context);
    }
  }
}
