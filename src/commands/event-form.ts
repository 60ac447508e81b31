import { plainDateBounds } from '../briefing/render/date-range-format.js';
import { UserError } from '../briefing/reply/reply.js';
import { form, selectField, textField } from '../briefing/render/forms.js';
import { resolveWhen, storyTimeZone, type WorkedOutDate } from '../briefing/input/when-input.js';
import { eventBounds } from '../data/date-range.js';
import type { SitrepEvent, Story } from '../data/schema.js';
import type { CommandContext, ModalFields } from './types.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';
import { readerMessages } from './shared.js';

/** What the update form asks for; the rest (source, significance) comes from the command's options. */
export interface EventFormValues {
  title: string;
  summary: string;
  when: string;
  sideIds: string[];
  location?: string;
}

/** The add / edit form, pre-filled with `values` when editing or revising a preview. */
export function eventForm(customId: string, heading: string, story: Story, values?: Partial<EventFormValues>, messages: Messages = en) {
  const m = messages.moderation;
  return form(customId, heading, [
    textField({ id: 'title', label: m.eventTitleLabel, maxLength: 200, value: values?.title }),
    textField({ id: 'summary', label: m.whatHappenedLabel, long: true, maxLength: 1500, value: values?.summary }),
    textField({
      id: 'when',
      label: m.whenLabel,
      maxLength: 60,
      value: values?.when,
      placeholder: 'Tuesday · yesterday 14:00 · 18 Jan 2024 · 16-18 Jan 2024 · January 2024',
    }),
    selectField({
      id: 'sides',
      label: m.sidesInvolvedLabel,
      options: story.sides.map((side) => ({ value: side.id, label: side.name })),
      selected: values?.sideIds,
    }),
    textField({ id: 'location', label: m.whereLabel, maxLength: 200, required: false, value: values?.location }),
  ]);
}

export function readEventForm(fields: ModalFields, messages: Messages = en): EventFormValues {
  const text = (id: string) => {
    const value = fields[id];
    return typeof value === 'string' ? value.trim() : '';
  };
  const sides = fields.sides;
  const values = {
    title: text('title'),
    summary: text('summary'),
    when: text('when'),
    sideIds: Array.isArray(sides) ? [...sides] : typeof sides === 'string' && sides ? [sides] : [],
    location: text('location') || undefined,
  };
  if (!values.title || !values.summary || !values.when) throw new UserError(messages.moderation.eventFieldsNeeded);
  if (values.sideIds.length === 0) throw new UserError(messages.moderation.chooseOneSide);
  return values;
}

/**
 * A form's "when", worked out (see `resolveWhen`) against the chosen source's publication day, in the
 * story's zone (its own when its record has one, else SITREP_TIMEZONE). Relative words with an undated
 * source are refused, naming the field; with no source at all they are read against today.
 */
export function workedOutWhen(text: string, context: CommandContext, refs: { storyId: string; sourceId?: string }, field?: string): WorkedOutDate {
  const data = context.store.read();
  const story = data.stories.find((candidate) => candidate.id === refs.storyId);
  const source = refs.sourceId ? data.sources.find((candidate) => candidate.id === refs.sourceId) : undefined;
  // The refusals in the moderator's language; the range check's own words (English) are isolated in a right-to-left line.
  const messages = readerMessages(context);
  const refusals = { ...messages.moderation, badRange: (label: string, problem: string) => messages.moderation.badRange(label, isolate(problem, messages)) };
  return resolveWhen(text, { now: context.now, timeZone: story ? storyTimeZone(story, context.timeZone) : context.timeZone, source, field: field ?? messages.moderation.whenLabel, refusals });
}

/** An event's date fields from a worked-out "when". */
export function eventDateOf(when: WorkedOutDate) {
  return { occurredAt: when.value, precision: when.precision, occurredUntil: when.until, untilPrecision: when.untilPrecision, dateBasis: when.basis };
}

/** An event's current values, as the form shows them for an edit. */
export function formValuesOf(event: SitrepEvent): EventFormValues {
  return {
    title: event.title,
    summary: event.summary,
    when: event.precision === 'minute' && event.occurredUntil === undefined ? event.occurredAt : plainDateBounds(eventBounds(event)),
    sideIds: [...event.sideIds],
    location: event.location,
  };
}
