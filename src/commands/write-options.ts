import type { SlashCommandSubcommandBuilder } from 'discord.js';
import { z } from 'zod';
import { resolveSide } from '../briefing/query/queries.js';
import { UserError } from '../briefing/reply/reply.js';
import { findByShortKey } from './short-key.js';
import type { SitrepEvent, Side, Source, Story } from '../data/schema.js';
import { readerMessages, storyOption } from './shared.js';
import type { CommandContext, ModalFields } from './types.js';

/** A side named by a write command's option (an id from autocomplete, or a name). */
export function sideOption(story: Story, args: { side?: string | undefined }): Side | undefined {
  const typed = args.side;
  return typed ? resolveSide(story, typed) : undefined;
}

export function sourceOption(story: Story, args: { source?: string | undefined }, context: CommandContext): Source {
  const id = args.source;
  const source = context.store.read().sources.find((s) => s.id === id && s.storyId === story.id);
  if (!source) throw new UserError(readerMessages(context).moderation.chooseSource);
  return source;
}

export function eventOption(story: Story, args: { event?: string | undefined }, context: CommandContext): SitrepEvent | undefined {
  const id = args.event;
  if (!id) return undefined;
  const event = context.store.read().events.find((e) => e.id === id && e.storyId === story.id && e.status !== 'retracted');
  if (!event) throw new UserError(readerMessages(context).moderation.noSuchEvent(id));
  return event;
}

/** Ids carried in a form's custom_id by short key, looked up again when it is submitted. */
export function byKey<T extends { id: string }>(items: readonly T[], key: string | undefined, what: string): T {
  const item = findByShortKey(items, key ?? '');
  if (!item) throw new UserError(`That ${what} no longer exists. Nothing was changed.`);
  return item;
}

/** A text field's trimmed value, or undefined when left empty. */
export function fieldText(fields: ModalFields, id: string): string | undefined {
  const value = fields[id];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A form's typed values as plain JSON, kept in a preview so Edit reopens the form as it was filled in. */
export const FormValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export function formValues(fields: ModalFields): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, typeof value === 'string' ? value : [...value]]));
}

/**
 * A write command's `retract` subcommand: the record by id (autocompleted) and the reason, required, at
 * most 500 characters — the same for every kind of record.
 */
export const retractSubcommand =
  (description: string, record: string, reason = 'Why, shown to readers') =>
  (sub: SlashCommandSubcommandBuilder) =>
    sub
      .setName('retract')
      .setDescription(description)
      .addStringOption((o) => o.setName('id').setDescription(record).setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('reason').setDescription(reason).setRequired(true).setMaxLength(500))
      .addStringOption(storyOption);
