import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type APILabelComponent,
  type APISelectMenuOption,
} from 'discord.js';
import { shorten } from './paginate.js';

/** Discord's own limits for forms. */
const MODAL_TITLE = 45;
const LABEL = 45;
const SELECT_OPTIONS = 25;

export interface TextField {
  id: string;
  label: string;
  long?: boolean;
  required?: boolean;
  maxLength: number;
  value?: string;
  placeholder?: string;
}

export function textField(field: TextField): APILabelComponent {
  return {
    type: ComponentType.Label,
    label: shorten(field.label, LABEL),
    component: {
      type: ComponentType.TextInput,
      custom_id: field.id,
      style: field.long ? TextInputStyle.Paragraph : TextInputStyle.Short,
      required: field.required ?? true,
      max_length: field.maxLength,
      ...(field.value ? { value: field.value.slice(0, field.maxLength) } : {}),
      ...(field.placeholder ? { placeholder: shorten(field.placeholder, 100) } : {}),
    },
  };
}

export function selectField(field: {
  id: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  selected?: readonly string[];
  min?: number;
  max?: number;
}): APILabelComponent {
  const options: APISelectMenuOption[] = field.options.slice(0, SELECT_OPTIONS).map((option) => ({
    value: option.value,
    label: shorten(option.label, 100),
    default: field.selected?.includes(option.value) ?? false,
  }));
  return {
    type: ComponentType.Label,
    label: shorten(field.label, LABEL),
    component: {
      type: ComponentType.StringSelect,
      custom_id: field.id,
      options,
      min_values: field.min ?? 1,
      max_values: Math.min(field.max ?? options.length, options.length),
      required: (field.min ?? 1) > 0,
    },
  };
}

export function form(customId: string, title: string, fields: APILabelComponent[]): APIModalInteractionResponseCallbackData {
  return { custom_id: customId, title: shorten(title, MODAL_TITLE), components: fields };
}
