import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { messagesFor, type Messages } from '../../i18n/index.js';

export interface PageOptions {
  page: number;
  /** Encodes the view's state and a page number into a button's custom_id. */
  customIdFor: (page: number) => string;
  /** The reader's language for the footer and buttons (English when absent). */
  messages?: Messages;
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
