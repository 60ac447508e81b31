import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import fc from 'fast-check';
import { z } from 'zod';
import type { ModalFields } from '../../src/commands/types.js';
import { BLANK, cut, DATES, hostileText, mixed, storableText, unknownId } from './hostile.js';

/** One input of a form, as Discord shows it. */
export interface FormInput {
  id: string;
  kind: 'text' | 'select';
  maxLength: number;
  long: boolean;
  required: boolean;
  options: string[];
}

/** Discord's cap on any text input, whatever the form asks. */
const TEXT_INPUT_CAP = 4000;

export function formInputs(modal: APIModalInteractionResponseCallbackData): FormInput[] {
  return modal.components.flatMap((component): FormInput[] => {
    const input = component.type === ComponentType.Label ? component.component : undefined;
    if (input?.type === ComponentType.TextInput) {
      return [{ id: input.custom_id, kind: 'text', maxLength: input.max_length ?? TEXT_INPUT_CAP, long: input.style === TextInputStyle.Paragraph, required: input.required ?? true, options: [] }];
    }
    if (input?.type === ComponentType.StringSelect) {
      return [{ id: input.custom_id, kind: 'select', maxLength: 0, long: false, required: (input.min_values ?? 1) > 0, options: input.options.map((option) => option.value) }];
    }
    return [];
  });
}

const isDateField = (id: string) => id === 'when' || id === 'date';

/** A source link the store accepts (http or https, at most 300 characters), with hostile characters in its path. */
const ACCEPTED_URL = z.url({ protocol: /^https?$/ }).max(300);
export const hostileUrl = fc
  .tuple(fc.constantFrom('https://example.org/', 'http://example.org/a?', 'https://例え.jp/', 'https://example.org/#'), mixed(10))
  .map(([base, path]) => cut(`${base}${path.replace(/[\r\n\t]/g, '')}`, 300).trim())
  .filter((url) => ACCEPTED_URL.safeParse(url).success);

export const validDate = fc.constantFrom('2024-01-18', '18 Jan 2024', 'January 2024', '2019', 'yesterday 14:00', '2024-01-18T06:26:00Z', 'yesterday', 'today', '2024-01-18 11:26', '  17 January 2024  ');

/** What a person could submit in the field: Discord holds text to the form's max length, and selects to its options. */
function hostileValue(input: FormInput): fc.Arbitrary<string | string[]> {
  if (input.kind === 'select') {
    // Discord sends a select's values as an array of its options' values; a stale form (a side
    // removed since it opened) can still carry an id the story no longer has.
    return fc.oneof(
      { weight: 4, arbitrary: fc.subarray(input.options, { minLength: 1 }) },
      { weight: 1, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...input.options), unknownId), { maxLength: 25 }) },
    );
  }
  const text = fc.oneof(
    { weight: 6, arbitrary: hostileText },
    { weight: 2, arbitrary: storableText(input.maxLength, { multiline: input.long }) },
    { weight: 1, arbitrary: fc.constantFrom(...BLANK) },
    { weight: isDateField(input.id) ? 4 : 1, arbitrary: fc.constantFrom(...DATES) },
    ...(input.id === 'url' ? [{ weight: 4, arbitrary: hostileUrl }] : []),
  );
  return text.map((value) => (input.long ? value : value.replace(/[\r\n]+/g, ' '))).map((value) => cut(value, input.maxLength));
}

/**
 * Any submission of the form: each field hostile (within what Discord lets through), now and then
 * missing, and now and then a field the form never had.
 */
export function hostileFields(modal: APIModalInteractionResponseCallbackData): fc.Arbitrary<ModalFields> {
  const inputs = formInputs(modal);
  return fc
    .tuple(
      ...inputs.map((input) => fc.option(hostileValue(input), { nil: undefined, freq: 12 }).map((value) => [input.id, value] as const)),
      fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'title', 'sides'), hostileText), { nil: undefined, freq: 3 }),
    )
    .map((entries) => {
      const fields: Record<string, string | readonly string[]> = {};
      for (const entry of entries) {
        if (!entry) continue;
        const [id, value] = entry;
        if (value !== undefined && !(id in fields)) Object.defineProperty(fields, id, { value, enumerable: true, writable: true, configurable: true });
      }
      return fields;
    });
}

/** A submission the store accepts: every text storable within its field, dates readable, links valid, sides known. */
export function validFields(modal: APIModalInteractionResponseCallbackData): fc.Arbitrary<Record<string, string | string[]>> {
  const inputs = formInputs(modal);
  return fc
    .tuple(
      ...inputs.map((input) => {
        let value: fc.Arbitrary<string | string[]>;
        if (input.kind === 'select') value = fc.subarray(input.options, { minLength: 1 });
        else if (isDateField(input.id)) value = validDate;
        else if (input.id === 'url') value = hostileUrl;
        else value = storableText(input.maxLength, { multiline: input.long });
        const optional = !input.required && input.kind === 'text';
        return (optional ? fc.option(value, { nil: '', freq: 4 }) : value).map((item) => [input.id, item] as const);
      }),
    )
    .map((entries) => Object.fromEntries(entries));
}
