import { ChannelType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/render/format.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { auditEntry } from '../data/audit.js';
import { settingsFor } from '../data/guild-settings.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, readerMessages, storyFor, storyOption } from './shared.js';
import { isolate } from '../i18n/index.js';
import type { CommandContext, CommandInput } from './types.js';
import { defineOptions, parseArgs } from './args.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('subscribe')
  .setDescription('Moderators: post breaking updates of a story to a channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addChannelOption((option) =>
    option.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum),
  )
  .addBooleanOption((option) => option.setName('stop').setDescription('Stop posting there instead'))
  .addBooleanOption((option) => option.setName('crosspost').setDescription('In an announcement channel: publish each post to the servers that follow it'))
  .addStringOption(storyOption)
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  '': { channel: 'channel!', stop: 'boolean', crosspost: 'boolean', story: 'string' },
});

export const autocomplete = autocompleteNames({});

export async function execute(input: CommandInput, context: CommandContext): Promise<Reply> {
  const args = parseArgs(options, input);
  const guildId = requireEditor(context);
  const story = storyFor(args, context);
  const channelId = args.channel;
  if (!channelId) throw new UserError(readerMessages(context).moderation.chooseChannel);
  const stop = args.stop ?? false;
  const changed = await context.store.update((draft) => {
    const settings = settingsFor(draft, guildId);
    const has = settings.subscriptions.some((s) => s.channelId === channelId && s.storyId === story.id);
    if (has !== stop) return false;
    const before = settings.subscriptions.map((s) => ({ ...s }));
    settings.subscriptions = stop
      ? settings.subscriptions.filter((s) => !(s.channelId === channelId && s.storyId === story.id))
      : [
          ...settings.subscriptions,
          { channelId, storyId: story.id, channelKind: input.channelKinds?.channel ?? 'text', ...(args.crosspost ? { crosspost: true } : {}) },
        ];
    draft.audit.push(
      auditEntry(context, { action: 'settings', entity: 'guild', entityId: guildId, before: { subscriptions: before }, after: { subscriptions: settings.subscriptions } }),
    );
    return true;
  });
  const messages = readerMessages(context);
  const m = messages.moderation;
  const title = isolate(`**${safe(story.title)}**`, messages);
  if (!changed) return notice((stop ? m.notSubscribed : m.alreadySubscribed)(`<#${channelId}>`, title));
  return notice((stop ? m.unsubscribed : m.subscribed)(`<#${channelId}>`, title));
}
