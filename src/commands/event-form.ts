import { plainDate } from '../briefing/format.js';
import { UserError } from '../briefing/reply.js';
import { form, selectField, textField } from '../briefing/render/forms.js';
import { parseWhen } from '../briefing/when-input.js';
import type { SitrepEvent, Story } from '../data/schema.js';
import type { CommandContext, ModalFields } from './types.js';

/** What the update form asks for; the rest (source, significance) comes from the command's options. */
export interface EventFormValues {
  title: string;
  summary: string;
  when: string;
  sideIds: string[];
  location?: string;
}

/** The add / edit form, pre-filled with `values` when editing or revising a preview. */
export function eventForm(customId: string, heading: string, story: Story, values?: Partial<EventFormValues>) {
  return form(customId, heading, [
    textField({ id: 'title', label: 'Title (in your own, neutral words)', maxLength: 200, value: values?.title }),
    textField({ id: 'summary', label: 'What happened', long: true, maxLength: 1500, value: values?.summary }),
    textField({
      id: 'when',
      label: 'When',
      maxLength: 40,
      value: values?.when,
      placeholder: '2024-01-18 11:26 · 18 Jan 2024 · January 2024 · yesterday 14:00',
    }),
    selectField({
      id: 'sides',
      label: 'Sides involved',
      options: story.sides.map((side) => ({ value: side.id, label: side.name })),
      selected: values?.sideIds,
    }),
    textField({ id: 'location', label: 'Where (optional)', maxLength: 200, required: false, value: values?.location }),
  ]);
}

export function readEventForm(fields: ModalFields): EventFormValues {
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
  if (!values.title || !values.summary || !values.when) throw new UserError('Title, what happened and when are all needed.');
  if (values.sideIds.length === 0) throw new UserError('Choose at least one side.');
  return values;
}

/** The form's date, read in the server's zone, with the precision of what was typed. */
export function whenOf(values: EventFormValues, context: CommandContext) {
  const { value, precision } = parseWhen(values.when, context.now, context.timeZone);
  return { occurredAt: value, precision };
}

/** An event's current values, as the form shows them for an edit. */
export function formValuesOf(event: SitrepEvent): EventFormValues {
  return {
    title: event.title,
    summary: event.summary,
    when: event.precision === 'minute' ? event.occurredAt : plainDate(event.occurredAt, event.precision),
    sideIds: [...event.sideIds],
    location: event.location,
  };
}
