import { ComponentType } from 'discord.js';
import type { Reply } from './reply.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  selectOptions: 25,
  /** A select option's label, value and description. */
  selectOptionText: 100,
  selectPlaceholder: 150,
} as const;

/** Every way the reply breaks Discord's limits; empty when it fits. */
export function limitViolations(reply: Reply): string[] {
  const problems: string[] = [];
  const check = (what: string, length: number, limit: number) => {
    if (length > limit) problems.push(`${what} is ${length} (limit ${limit})`);
  };
  check('content', reply.content?.length ?? 0, LIMITS.content);
  const embeds = reply.embeds ?? [];
  check('embeds', embeds.length, LIMITS.embedsPerMessage);
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = `embeds[${index}]`;
    check(`${at}.title`, embed.title?.length ?? 0, LIMITS.embedTitle);
    check(`${at}.description`, embed.description?.length ?? 0, LIMITS.embedDescription);
    check(`${at}.fields`, embed.fields?.length ?? 0, LIMITS.embedFields);
    embed.fields?.forEach((field, fieldIndex) => {
      check(`${at}.fields[${fieldIndex}].name`, field.name.length, LIMITS.fieldName);
      check(`${at}.fields[${fieldIndex}].value`, field.value.length, LIMITS.fieldValue);
    });
    check(`${at}.footer`, embed.footer?.text.length ?? 0, LIMITS.footerText);
    check(`${at}.author`, embed.author?.name.length ?? 0, LIMITS.authorName);
    total += embedLength(embed);
  });
  check('embeds total', total, LIMITS.embedTotal);
  const rows = reply.components ?? [];
  check('action rows', rows.length, LIMITS.actionRows);
  rows.forEach((row, index) => {
    check(`components[${index}]`, row.components.length, LIMITS.buttonsPerRow);
    row.components.forEach((component) => {
      if ('custom_id' in component) check(`custom_id ${component.custom_id}`, component.custom_id.length, LIMITS.customId);
      if (component.type === ComponentType.StringSelect) {
        check(`components[${index}] (a select beside others)`, row.components.length, 1);
        check('select options', component.options.length, LIMITS.selectOptions);
        check('select placeholder', component.placeholder?.length ?? 0, LIMITS.selectPlaceholder);
        component.options.forEach((option) => {
          check('select option label', option.label.length, LIMITS.selectOptionText);
          check('select option value', option.value.length, LIMITS.selectOptionText);
          check('select option description', option.description?.length ?? 0, LIMITS.selectOptionText);
        });
        if (new Set(component.options.map((option) => option.value)).size !== component.options.length) problems.push('select options repeat a value');
      } else if ('label' in component) check('button label', component.label?.length ?? 0, LIMITS.buttonLabel);
    });
  });
  return problems;
}

type EmbedLike = NonNullable<Reply['embeds']>[number];

/** The characters Discord counts toward the 6,000 per message. */
export function embedLength(embed: EmbedLike): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}
