import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { safe } from './format.js';
import { LIMITS } from '../reply/limits.js';
import { shorten } from './paginate.js';
import type { Reply } from '../reply/reply.js';
import { en } from '../../i18n/en.js';
import type { ModerationMessages } from '../../i18n/messages.js';

/** Confirm / Edit / Cancel under a preview; `customIdFor(action)` names the draft. */
export function previewButtons(
  customIdFor: (action: 'confirm' | 'reopen' | 'cancel') => string,
  canEdit = true,
  labels: Pick<ModerationMessages, 'confirm' | 'edit' | 'cancel'> = en.moderation,
): APIActionRowComponent<APIButtonComponent>[] {
  type Style = ButtonStyle.Success | ButtonStyle.Secondary | ButtonStyle.Danger;
  const button = (label: string, action: 'confirm' | 'reopen' | 'cancel', style: Style): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id: customIdFor(action),
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button(labels.confirm, 'confirm', ButtonStyle.Success),
        ...(canEdit ? [button(labels.edit, 'reopen', ButtonStyle.Secondary)] : []),
        button(labels.cancel, 'cancel', ButtonStyle.Danger),
      ],
    },
  ];
}

/**
 * A preview: what would be saved, notes (how a date was worked out), any warnings (a possible duplicate,
 * a loaded term), and the buttons; only the moderator sees it.
 */
export function renderPreview(
  heading: string,
  embeds: APIEmbed[],
  warnings: readonly string[],
  buttons: Reply['components'],
  notes: readonly string[] = [],
  labels: Pick<ModerationMessages, 'previewHeading'> = en.moderation,
): Reply {
  const warningText = warnings.map((warning) => `⚠️ ${warning}`).join('\n');
  return {
    content: shorten([labels.previewHeading(heading), ...notes, warningText].filter(Boolean).join('\n'), LIMITS.content),
    embeds: embeds.slice(0, 1).map((embed) => ({
      ...embed,
      description: embed.description && shorten(embed.description, LIMITS.embedDescription),
      footer: undefined,
    })),
    components: buttons,
    ephemeral: true,
  };
}

/** The before → after of each changed field, for an edit's preview and for history. */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).map((field) => `**${field}**: ${show(before[field])} → ${show(after[field])}`);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `“${safe(shorten(text, 300))}”`;
}
