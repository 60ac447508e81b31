import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIStringSelectComponent } from 'discord.js';
import { messagesFor, type Messages } from '../../i18n/index.js';
import { LIMITS } from '../reply/limits.js';
import { shorten } from './paginate.js';
import { closeBidi } from './format.js';

/** Something a list shows that a reader can open from the page's select menu. */
export interface OpenItem {
  kind: 'event' | 'statement' | 'claim';
  id: string;
  /** The option's label, in plain text (a select shows no markdown): at most 100 characters once shown. */
  label: string;
  /** A second line under the label (plain text). */
  description?: string;
}

/** How a command's list opens its items: the select menu's custom_id and each option's value. */
export interface OpenOptions {
  customId: string;
  /** The option's value for an item (at most 100 characters; the command's codec reads it back). */
  valueOf: (item: OpenItem) => string;
}

export interface PageOptions {
  page: number;
  /** Encodes the view's state and a page number into a button's custom_id. */
  customIdFor: (page: number) => string;
  /** The reader's language for the footer and buttons (English when absent). */
  messages?: Messages;
  /** A select menu under the page listing what it shows that opens (absent: no menu). */
  open?: OpenOptions;
}

/**
 * A select menu of a page's items (at most 25; the layout never puts more on a page), each labelled
 * in plain text within Discord's 100 characters; choosing one opens it (the command's codec routes
 * the choice). Its row comes after the Previous / Next row: two rows of Discord's five.
 */
export function openMenu(items: readonly OpenItem[], open: OpenOptions, placeholder: string): APIActionRowComponent<APIStringSelectComponent> {
  const seen = new Set<string>();
  // Plain text on one line, its directional controls closed (a stored title may open one and never close it).
  const plain = (text: string) => shorten(closeBidi(text.replace(/\s+/g, ' ').trim()), LIMITS.selectOptionText);
  const options = items
    .map((item) => ({
      label: plain(item.label) || item.kind,
      value: open.valueOf(item),
      ...(item.description?.trim() ? { description: plain(item.description) } : {}),
    }))
    // Two ids with the same short key would make one value twice; Discord refuses that, so the second is left out.
    .filter((option) => !seen.has(option.value) && seen.add(option.value))
    .slice(0, LIMITS.selectOptions);
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.StringSelect, custom_id: open.customId, placeholder: shorten(placeholder, LIMITS.selectPlaceholder), options }],
  };
}

/** Previous / Next buttons, or none for a single page. `customIdFor(page)` encodes the view's state. */
export function pageButtons(
  page: number,
  pageCount: number,
  customIdFor: (page: number) => string,
  messages: Messages = messagesFor('en'),
): APIActionRowComponent<APIButtonComponent>[] {
  if (pageCount <= 1) return [];
  const button = (label: string, target: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customIdFor(target),
    disabled,
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button(messages.previous, page > 1 ? page - 1 : page, page <= 1),
        button(messages.next, page < pageCount ? page + 1 : page, page >= pageCount),
      ],
    },
  ];
}
