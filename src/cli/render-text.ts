import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ComponentType } from 'discord.js';
import type { Reply } from '../briefing/reply/reply.js';

/**
 * A reply as a person would read it in Discord, for the terminal: markdown markers dropped,
 * Discord timestamps shown in the given zone, buttons listed with what they do.
 */
export function renderText(reply: Reply, timeZone: string): string {
  const parts: string[] = [];
  if (reply.ephemeral) parts.push('(only you can see this)');
  if (reply.content) parts.push(readable(reply.content, timeZone));
  for (const embed of reply.embeds ?? []) {
    if (embed.title) parts.push(`== ${readable(embed.title, timeZone)} ==`);
    if (embed.description) parts.push(readable(embed.description, timeZone));
    for (const field of embed.fields ?? []) {
      parts.push(`-- ${readable(field.name, timeZone)} --\n${readable(field.value, timeZone)}`);
    }
    if (embed.footer) parts.push(`(${readable(embed.footer.text, timeZone)})`);
  }
  const components = (reply.components ?? []).flatMap((row) => row.components);
  const buttons = components.filter((component) => component.type === ComponentType.Button);
  if (buttons.length) {
    parts.push(
      buttons
        .map((button) => `[${'label' in button ? button.label : 'button'}${'disabled' in button && button.disabled ? ', disabled' : ''}]`)
        .join(' '),
    );
  }
  for (const menu of components.filter((component) => component.type === ComponentType.StringSelect)) {
    parts.push([`${menu.placeholder ?? 'Choose'} (type open <n>)`, ...menu.options.map((option, index) => `  ${index + 1}. ${option.label}`)].join('\n'));
  }
  return parts.join('\n\n');
}

function readable(text: string, timeZone: string): string {
  return text
    // "(<t:…:R>)" after a timestamp: the terminal shows the date once.
    .replace(/ \(<t:-?\d+:R>\)/g, '')
    .replace(/<t:(-?\d+)(?::[tTdDfFR])?>/g, (_, seconds: string) =>
      format(new TZDate(Number(seconds) * 1000, timeZone), "d MMM yyyy HH:mm '('zzz')'"),
    )
    .replace(/\*\*|__|~~/g, '')
    .replace(/\\([^\w\s])/g, '$1');
}
