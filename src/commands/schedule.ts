import { ChannelType, PermissionFlagsBits, SlashCommandBuilder, type SlashCommandSubcommandBuilder } from 'discord.js';
import { rankCandidates } from '../briefing/search/autocomplete.js';
import { discordTime, safe } from '../briefing/render/format.js';
import { resolveStory } from '../briefing/query/queries.js';
import { renderScheduleList } from '../briefing/render/schedules.js';
import { notice, UserError, type Reply } from '../briefing/reply/reply.js';
import { auditEntry } from '../data/audit.js';
import { newId } from '../data/ids.js';
import type { Schedule, StoreData } from '../data/schema.js';
import { archivedIds } from '../data/story-admin.js';
import { checkPattern, cronPattern, describeDays, nextSlot, parseDays } from '../schedule/slots.js';
import { requireScheduleManager } from './rights.js';
import { autocompleteNames } from './shared.js';
import type { Choice, Command, CommandContext, CommandInput } from './types.js';
import { defineOptions, parseArgs, type ArgumentsOf } from './args.js';

const scheduleId = (sub: SlashCommandSubcommandBuilder) =>
  sub.addStringOption((o) => o.setName('id').setDescription('The schedule').setAutocomplete(true).setRequired(true));

export const data = new SlashCommandBuilder()
  .setName('schedule')
  .setDescription('Briefings posted to a channel on a schedule (Manage Server or moderators)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Post a briefing at a time of day, in a time zone')
      .addChannelOption((o) => o.setName('channel').setDescription('Where').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum))
      .addStringOption((o) => o.setName('time').setDescription('Local time, 24-hour: 08:00').setRequired(true).setMaxLength(5))
      .addStringOption((o) => o.setName('timezone').setDescription('IANA zone, e.g. Asia/Karachi').setRequired(true).setAutocomplete(true))
      .addStringOption((o) => o.setName('days').setDescription('daily, weekdays, or a list: mon,wed,fri (default daily)').setMaxLength(40))
      .addStringOption((o) => o.setName('story').setDescription('Which story (defaults to this server’s story)').setAutocomplete(true))
      .addStringOption((o) =>
        o.setName('kind').setDescription('The whole briefing, or only what is new').addChoices({ name: 'full', value: 'full' }, { name: 'digest', value: 'digest' }),
      )
      .addBooleanOption((o) => o.setName('quiet').setDescription('Post nothing when nothing is new'))
      .addBooleanOption((o) => o.setName('crosspost').setDescription('In an announcement channel: publish each post to the servers that follow it'))
      .addBooleanOption((o) => o.setName('image').setDescription('Attach a picture of the timeline to each post'))
      .addStringOption((o) => o.setName('cron').setDescription('Power users: a cron pattern instead of time and days').setMaxLength(100)),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription('This server’s schedules, next runs and states'))
  .addSubcommand((sub) => scheduleId(sub.setName('remove').setDescription('Delete a schedule')))
  .addSubcommand((sub) => scheduleId(sub.setName('pause').setDescription('Stop posting until resumed')))
  .addSubcommand((sub) => scheduleId(sub.setName('resume').setDescription('Start posting again')))
  .addSubcommand((sub) => scheduleId(sub.setName('run').setDescription('Post the briefing now, as a test')))
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  add: { channel: 'channel!', time: 'string!', timezone: 'string!', days: 'string', story: 'string', kind: 'string', quiet: 'boolean', crosspost: 'boolean', image: 'boolean', cron: 'string' },
  list: {},
  remove: { id: 'string!' },
  pause: { id: 'string!' },
  resume: { id: 'string!' },
  run: { id: 'string!' },
});

const ZONES = Intl.supportedValuesOf('timeZone').map((zone) => ({ value: zone, name: zone, keywords: zone.replace(/[/_]/g, ' ') }));
const storyNames = autocompleteNames({});

export const autocomplete: NonNullable<Command['autocomplete']> = (focused, input, context): Choice[] => {
  if (focused.name === 'timezone') return rankCandidates(ZONES, focused.value);
  if (focused.name === 'id') {
    const schedules = context.store.read().schedules.filter((schedule) => schedule.guildId === context.guildId);
    return rankCandidates(
      schedules.map((s) => ({ value: s.id, name: `${s.label} · ${s.timeZone} · ${s.kind}${s.state === 'paused' ? ' · paused' : ''}`, keywords: s.channelId })),
      focused.value,
    );
  }
  return storyNames(focused, input, context);
};

export async function execute(input: CommandInput, context: CommandContext): Promise<Reply> {
  const args = parseArgs(options, input);
  const guildId = requireScheduleManager(context);
  const data = context.store.read();
  const mine = data.schedules.filter((schedule) => schedule.guildId === guildId);
  if (input.subcommand === 'list') return renderScheduleList(mine, context.now);
  if (input.subcommand === 'add') return add(input, args, context, guildId);

  const schedule = mine.find((candidate) => candidate.id === args.id);
  if (!schedule) throw new UserError('There is no such schedule in this server. `/schedule list` shows them.');
  if (input.subcommand === 'run') {
    if (!context.scheduler) throw new UserError('Posting needs the running bot.');
    // Posting can outlast Discord's 3 s to answer: "thinking…" first, then the outcome edits it.
    await context.defer?.();
    return notice(await context.scheduler.runNow(schedule.id));
  }
  const action = input.subcommand as 'remove' | 'pause' | 'resume';
  if (action === 'resume') refuseArchived(data, guildId, schedule.storyId);
  await context.store.update((draft) => {
    const index = draft.schedules.findIndex((candidate) => candidate.id === schedule.id);
    const before = draft.schedules[index]!;
    if (action === 'remove') draft.schedules.splice(index, 1);
    else if (action === 'pause') Object.assign(before, { state: 'paused', pausedReason: `paused by ${context.userName}` });
    else {
      before.state = 'active';
      delete before.pausedReason;
      // Resuming does not post the slots missed while paused.
      before.lastSlot = context.now.toISOString();
    }
    draft.audit.push(auditEntry(context, { action: 'settings', entity: 'schedule', entityId: schedule.id, before: { state: schedule.state }, after: { state: action === 'remove' ? 'removed' : before.state } }));
  });
  context.scheduler?.rearm();
  return notice(`Schedule \`${schedule.id}\` ${action === 'remove' ? 'removed' : action === 'pause' ? 'paused' : 'resumed'}.`);
}

/** A schedule of a story this server archived stays paused (`/story archive` pauses them): none is added or resumed. */
function refuseArchived(data: Readonly<StoreData>, guildId: string, storyId: string) {
  if (archivedIds(data, guildId).has(storyId)) {
    throw new UserError(`The story \`${storyId}\` is archived on this server: bring it back with \`/story unarchive\` first. Nothing was changed.`);
  }
}

async function add(input: CommandInput, args: ArgumentsOf<typeof options>, context: CommandContext, guildId: string): Promise<Reply> {
  const data = context.store.read();
  const story = resolveStory(data, { storyId: args.story, guildId, defaultStoryId: context.defaultStoryId });
  refuseArchived(data, guildId, story.id);
  const channelId = args.channel;
  if (!channelId) throw new UserError('Choose a channel.');
  const timeZone = args.timezone ?? '';
  if (!ZONES.some((zone) => zone.value === timeZone) && timeZone !== 'UTC') {
    throw new UserError(`\`${timeZone}\` is not a time zone I know. Pick one from the list (e.g. \`Asia/Karachi\`, \`Europe/London\`).`);
  }
  const typedTime = args.time ?? '';
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(typedTime);
  if (!time) throw new UserError(`\`${typedTime}\` is not a time of day. Use 24-hour \`HH:MM\`, e.g. \`08:00\`.`);
  const typedDays = args.days ?? 'daily';
  const days = parseDays(typedDays);
  if (!days) throw new UserError(`\`${typedDays}\` is not \`daily\`, \`weekdays\` or a list like \`mon,wed,fri\`.`);
  const typedCron = args.cron;
  let cron = cronPattern({ hour: Number(time[1]), minute: Number(time[2]) }, days);
  let label = `${time[1]!.padStart(2, '0')}:${time[2]} ${describeDays(days)}`;
  if (typedCron) {
    // The store keeps a pattern and a label of at most 100 characters each.
    if (typedCron.length > 100) throw new UserError('A cron pattern has at most 100 characters.');
    try {
      checkPattern(typedCron, timeZone);
    } catch (error) {
      throw new UserError(`\`${typedCron}\` is not a cron pattern I can use: ${(error as Error).message}`);
    }
    cron = typedCron;
    label = typedCron.length <= 95 ? `cron ${typedCron}` : typedCron;
  }
  const schedule: Schedule = {
    id: newId(`${label}`, (id) => data.schedules.some((s) => s.id === id)),
    guildId,
    channelId,
    storyId: story.id,
    cron,
    timeZone,
    label,
    kind: args.kind === 'digest' ? 'digest' : 'full',
    quiet: args.quiet ?? false,
    channelKind: input.channelKinds?.channel ?? 'text',
    ...(args.crosspost ? { crosspost: true } : {}),
    ...(args.image ? { image: true } : {}),
    state: 'active',
    skippedSlots: 0,
    createdAt: context.now.toISOString(),
    createdBy: context.userId,
  };
  await context.store.update((draft) => {
    draft.schedules.push(schedule);
    draft.audit.push(auditEntry(context, { action: 'settings', entity: 'schedule', entityId: schedule.id, after: { ...schedule } }));
  });
  context.scheduler?.rearm();
  const next = nextSlot(cron, timeZone, context.now);
  return notice(
    `Scheduled \`${schedule.id}\`: **${safe(story.title)}** (${schedule.kind}${schedule.quiet ? ', quiet' : ''}) in <#${channelId}>, ${safe(label)} ${timeZone}. Next: ${next ? discordTime(next) : 'never'}.`,
  );
}
