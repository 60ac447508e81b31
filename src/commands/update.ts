import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { eventView, resolveEvent } from '../briefing/queries.js';
import { renderEvent } from '../briefing/render/event.js';
import { renderHistory } from '../briefing/render/history.js';
import { formatPartialDate, safe } from '../briefing/format.js';
import { describeChanges } from '../briefing/render/preview.js';
import { notice, UserError, type Reply } from '../briefing/reply.js';
import { findByShortKey, shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import { addEvent, buildEvent, editEvent, findDuplicates, retractEvent, type EventFields } from '../data/mutations.js';
import type { SitrepEvent, Story } from '../data/schema.js';
import { eventForm, formValuesOf, readEventForm, whenOf, type EventFormValues } from './event-form.js';
import { postToSubscribers } from './notify.js';
import { sourceOption } from './write-options.js';
import { answerPreviewButton, answerRevision, previewWrite, refusalsAsUserErrors, type PendingWrite } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, clip, storyByKey, storyFor, storyOption } from './shared.js';
import { draftOf } from '../data/draft.js';
import {
  booleanOption,
  customId,
  integerOption,
  stringOption,
  type Answer,
  type CommandContext,
  type CommandInput,
  type ModalFields,
} from './types.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('update')
  .setDescription('Moderators: add, edit or retract an event')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add an event (opens a form; nothing is saved until you confirm)')
      .addStringOption((option) => option.setName('source').setDescription('The report it comes from').setAutocomplete(true).setRequired(true))
      .addIntegerOption((option) => option.setName('significance').setDescription('1 (minor) to 5 (major); default 3').setMinValue(1).setMaxValue(5))
      .addBooleanOption((option) => option.setName('notify').setDescription('Post it to the subscribed channels'))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setDescription('Edit an event (opens a form with its current values)')
      .addStringOption((option) => option.setName('id').setDescription('The event').setAutocomplete(true).setRequired(true))
      .addStringOption((option) => option.setName('reason').setDescription('Why, for readers: shown with the correction in the next briefings').setMaxLength(300))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('retract')
      .setDescription('Retract an event: kept in the record, hidden from every briefing')
      .addStringOption((option) => option.setName('id').setDescription('The event').setAutocomplete(true).setRequired(true))
      .addStringOption((option) => option.setName('reason').setDescription('Why, for the record').setRequired(true).setMaxLength(500))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('history')
      .setDescription('Who changed an event, when, and what changed')
      .addStringOption((option) => option.setName('id').setDescription('The event').setAutocomplete(true).setRequired(true))
      .addStringOption(storyOption),
  )
  .toJSON();

export const autocomplete = autocompleteNames({ id: 'event', source: 'source' });

export function execute(input: CommandInput, context: CommandContext): Answer {
  const story = storyFor(input, context);
  if (input.subcommand === 'history') return history(story, stringOption(input, 'id') ?? '', 1, context);
  requireEditor(context);
  const data = context.store.read();
  if (input.subcommand === 'add') {
    const source = sourceOption(story, input, context);
    const significance = integerOption(input, 'significance') ?? 3;
    const notify = booleanOption(input, 'notify') ? 1 : 0;
    return { modal: eventForm(customId('update', 'add', shortKey(story.id), source.id, significance, notify), 'Add an update', story) };
  }
  const event = resolveEvent(data, story, stringOption(input, 'id') ?? '');
  if (input.subcommand === 'edit') {
    // The reason waits in the drafts (a custom_id has no room for it) until the form comes back.
    const reason = stringOption(input, 'reason')?.trim();
    const reasonKey = reason ? context.drafts.put(reason, context.userId) : '';
    return { modal: eventForm(customId('update', 'edit', event.id, event.revision, reasonKey), 'Edit an update', story, formValuesOf(event)) };
  }
  const reason = stringOption(input, 'reason') ?? '';
  return previewWrite(
    'update',
    {
      heading: `Retract “${safe(event.title)}”`,
      embeds: eventEmbeds(story, event, context),
      warnings: [`Reason: ${safe(reason)}`, 'It stays in the record and its history, hidden from every briefing.'],
      apply: (draft, author) => `Retracted **${safe(retractEvent(draft, event.id, reason, author).title)}**.`,
    },
    context,
  );
}

/** `update:add:…` and `update:edit:…` from the slash command; `update:revise:<draft>` from Edit. */
export function modalSubmit([mode = '', ...args]: string[], fields: ModalFields, context: CommandContext): Reply {
  if (mode === 'revise') return answerRevision(args[0] ?? '', fields, context);
  requireEditor(context);
  const form = readEventForm(fields);
  if (mode === 'add') {
    const [storyKey, sourceId = '', significance, notify] = args;
    const story = storyByKey(storyKey, context);
    return previewAdd({ storyId: story.id, sourceIds: [sourceId], significance: Number(significance) || 3 }, notify === '1', form, context);
  }
  if (mode === 'edit') {
    const [eventId = '', revision, reasonKey] = args;
    const reason = reasonKey ? context.drafts.get<string>(reasonKey, context.userId) : undefined;
    return previewEdit(eventId, Number(revision), form, context, undefined, reason);
  }
  throw new UserError('This form no longer works — run the command again.');
}

export async function component([action = '', ...args]: string[], context: CommandContext): Promise<Answer> {
  if (action === 'history') {
    const [page, storyKey, eventKey = ''] = args;
    const story = storyByKey(storyKey, context);
    const event = findByShortKey(context.store.read().events, eventKey);
    return history(story, event?.id ?? '', Number(page), context);
  }
  return answerPreviewButton(action, args[0] ?? '', context);
}

type Fixed = Pick<EventFields, 'storyId' | 'sourceIds' | 'significance'>;

function previewAdd(fixed: Fixed, notify: boolean, form: EventFormValues, context: CommandContext, draftId?: string): Reply {
  const data = context.store.read();
  const story = storyByKey(shortKey(fixed.storyId), context);
  const event = refusalsAsUserErrors(() => buildEvent(data, { ...fixed, ...whenOf(form, context), ...formFields(form) }, context));
  const warnings = findDuplicates(data, event).map((d) => `Possible duplicate: “${safe(d.title)}” (\`${d.id}\`) has the same title and day.`);
  if (notify) warnings.push('On Confirm it is also posted to the subscribed channels.');
  const write: PendingWrite = {
    heading: 'Preview of the new update',
    embeds: eventEmbeds(story, event, context),
    warnings,
    apply: (draft, author) => {
      const saved = addEvent(draft, { ...event, createdAt: author.now.toISOString() }, author);
      return savedLine('Saved', saved);
    },
    reopen: (id) => eventForm(customId('update', 'revise', id), 'Edit before saving', story, form),
    afterSave: notify
      ? async (ctx) => {
          const posted = await postToSubscribers(ctx.store.read().events.find((e) => e.id === event.id)!, ctx);
          return ` Posted to ${posted} subscribed channel${posted === 1 ? '' : 's'}.`;
        }
      : undefined,
    revise: (fields, id) => previewAdd(fixed, notify, readEventForm(fields), context, id),
  };
  return previewWrite('update', write, context, draftId);
}

function previewEdit(eventId: string, baseRevision: number, form: EventFormValues, context: CommandContext, draftId?: string, reason?: string): Reply {
  const data = context.store.read();
  const current = data.events.find((event) => event.id === eventId);
  if (!current) throw new UserError('That event no longer exists. Nothing was changed.');
  const story = storyByKey(shortKey(current.storyId), context);
  const changes: Partial<EventFields> = { ...formFields(form), ...whenOf(form, context) };
  const edited = refusalsAsUserErrors(() => editEvent(draftOf(data), eventId, changes, baseRevision, context));
  const lastEdit = (after: Record<string, unknown>) =>
    describeChanges(Object.fromEntries(Object.keys(after).map((field) => [field, current[field as keyof SitrepEvent]])), after);
  const after = Object.fromEntries(
    Object.entries(changes).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(current[field as keyof SitrepEvent])),
  );
  const write: PendingWrite = {
    heading: `Preview of the edit to “${safe(current.title)}”`,
    embeds: eventEmbeds(story, edited, context),
    warnings: [...lastEdit(after), ...(reason ? [`Reason, shown to readers with the correction: ${safe(reason)}`] : [])],
    apply: (draft, author) => savedLine('Saved the edit to', editEvent(draft, eventId, changes, baseRevision, author, reason)),
    reopen: (id) => eventForm(customId('update', 'revise', id), 'Edit before saving', story, form),
    revise: (fields, id) => previewEdit(eventId, baseRevision, readEventForm(fields), context, id, reason),
  };
  return previewWrite('update', write, context, draftId);
}

function savedLine(verb: string, event: SitrepEvent): string {
  return `${verb} **${safe(event.title)}** (${formatPartialDate(event.occurredAt, event.precision)}, \`${event.id}\`).`;
}

function eventEmbeds(story: Story, event: SitrepEvent, context: CommandContext) {
  const data = context.store.read();
  const reply = renderEvent(
    eventView(data, event),
    storyLookup(data, story),
    { page: 1, customIdFor: () => '' },
  );
  return reply.embeds ?? [];
}

function history(story: Story, eventId: string, page: number, context: CommandContext): Reply {
  const data = context.store.read();
  const event = data.events.find((candidate) => candidate.id === eventId && candidate.storyId === story.id);
  if (!event) return notice(`There is no event \`${clip(eventId, 100)}\` in **${safe(story.title)}**.`);
  const entries = data.audit.filter((entry) => entry.entity === 'event' && entry.entityId === event.id);
  return renderHistory(event, entries, { page, customIdFor: (target) => customId('update', 'history', target, shortKey(story.id), shortKey(event.id)) });
}

function formFields(form: EventFormValues) {
  return { title: form.title, summary: form.summary, sideIds: form.sideIds, location: form.location };
}
