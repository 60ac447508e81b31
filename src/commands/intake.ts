/**
 * `/intake list|review|keep|discard` — a report's proposals (kept by `/source add url:|file:` and
 * `/source paste`, src/commands/source-intake.ts) reviewed one at a time: Accept, Edit (the hand-made form,
 * pre-filled), Skip, or accept every quote with a named speaker at once. Accepting goes through the very
 * preview kinds the hand-made `/statement add` and `/claim account` use (their payload, apply, audit and
 * refusals), so an accepted record is like any other and corrected the same way. Every step reads the intake
 * from the store (no state in closures), checks the moderator's rights, and a decision is made in the same
 * write that saves the record: a double-clicked Accept saves once.
 */
import { ButtonStyle, ComponentType, PermissionFlagsBits, SlashCommandBuilder, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { discordTime, plainDate, safe } from '../briefing/render/format.js';
import { moderatorTextOf } from '../briefing/input/neutrality.js';
import { LIMITS } from '../briefing/reply/limits.js';
import { clip, shorten } from '../briefing/render/paginate.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { findByShortKey, shortKey } from './short-key.js';
import { figureAmount } from '../data/figure-text.js';
import { draftOf } from '../data/draft.js';
import { InvalidChange } from '../data/mutations.js';
import type { Intake, IntakeItem, PreviewKindName, StoreData, Story } from '../data/schema.js';
import { isolate } from '../i18n/index.js';
import { bulkAcceptable, intakeCounts, intakeExpired, nextPending, openIntakes, publicationDay, sweepIntakes } from '../intake/review.js';
import { defineOptions, parseArgs } from './args.js';
import { KINDS as CLAIM_KINDS } from './claim.js';
import { componentCodec, FORM_GONE } from './codec.js';
import { previewChecks, refusalsAsUserErrors, refusalText, type PreviewKind } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import { KINDS as STATEMENT_KINDS } from './statement.js';
import type { Answer, Choice, CommandContext, CommandInput, ModalFields } from './types.js';

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

const intakeOption = (required: boolean) => (o: import('discord.js').SlashCommandStringOption) =>
  o.setName('intake').setDescription('The report read in (newest first as you type)').setAutocomplete(true).setRequired(required);

export const data = new SlashCommandBuilder()
  .setName('intake')
  .setDescription('Moderators: review what a report read in with /source add url:, file: or /source paste proposes')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) => sub.setName('list').setDescription('This story’s reports waiting for review, with what is left').addStringOption(storyOption))
  .addSubcommand((sub) =>
    sub
      .setName('review')
      .setDescription('Review a report’s proposals one at a time: Accept, Edit, Skip')
      .addStringOption(intakeOption(false))
      .addStringOption((o) => o.setName('event').setDescription('The event its statements are about (over the one proposed by date)').setAutocomplete(true))
      .addStringOption((o) => o.setName('claim').setDescription('The question its figures become accounts of').setAutocomplete(true))
      .addStringOption((o) => o.setName('source').setDescription('Cite this saved source (when the report’s own preview was not confirmed)').setAutocomplete(true))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) => sub.setName('keep').setDescription('Keep a report’s proposals past the 7 days they wait').addStringOption(intakeOption(true)).addStringOption(storyOption))
  .addSubcommand((sub) => sub.setName('discard').setDescription('Drop a report’s remaining proposals (asks first; accepted records stay)').addStringOption(intakeOption(true)).addStringOption(storyOption))
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  list: { story: 'string' },
  review: { intake: 'string', event: 'string', claim: 'string', source: 'string', story: 'string' },
  keep: { intake: 'string!', story: 'string' },
  discard: { intake: 'string!', story: 'string' },
});

/** A card's buttons: `intake:<action>:<intake id>:<item>:<arg>` (arg: a side's short key). */
const buttonId = componentCodec('intake', ['action', 'intake', 'item', 'arg']);
/** The hand-made form an Edit opens: `intake:revise:<intake id>:<item>`. */
const reviseId = componentCodec('intake', ['intake', 'item'], { tag: 'revise', refusal: FORM_GONE });

const names = autocompleteNames({ event: 'event', claim: 'claim', source: 'source' });

export function autocomplete(focused: { name: string; value: string }, input: CommandInput, context: CommandContext): Choice[] {
  if (focused.name !== 'intake') return names(focused, input, context);
  let story: Story;
  try {
    requireEditor(context);
    story = storyFor({ story: typeof input.options.story === 'string' ? input.options.story : undefined }, context);
  } catch {
    return [];
  }
  const typed = focused.value.toLowerCase();
  return openIntakes(context.store.read(), story.id, context.guildId, context.now)
    .filter((intake) => !typed || `${intake.id} ${intake.source.outlet} ${intake.source.title ?? ''}`.toLowerCase().includes(typed))
    .slice(0, LIMITS.autocompleteChoices)
    .map((intake) => ({ name: clip(`${intake.source.outlet}${intake.source.title ? ` — ${intake.source.title}` : ''} (${intakeCounts(intake).pending} pending)`, 100), value: intake.id }));
}

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  requireEditor(context);
  const story = storyFor(args, context);
  if (input.subcommand === 'list') return listIntakes(story, context);
  if (input.subcommand === 'review') {
    const id = args.intake ?? openIntakes(context.store.read(), story.id, context.guildId, context.now).find((intake) => intakeCounts(intake).pending > 0)?.id;
    if (!id) throw new UserError(`No report of **${safe(story.title)}** is waiting for review. Read one in with \`/source add url:\`, \`/source add file:\` or \`/source paste\`.`);
    const choices = reviewChoices(story, args, context);
    if (Object.keys(choices).length) {
      await context.store.update((draft) => {
        sweepIntakes(draft, context.now);
        const intake = usableIntake(draft, id, context, story.id);
        Object.assign(intake, choices.intake);
        if (choices.sourceId) intake.source.sourceId = choices.sourceId;
      });
    }
    const intake = usableIntake(context.store.read(), id, context, story.id);
    return card(intake, nextPending(intake) ?? 0, context);
  }
  const intake = usableIntake(context.store.read(), args.intake ?? '', context, story.id);
  if (input.subcommand === 'keep') return keep(intake.id, context);
  const { pending, accepted } = intakeCounts(intake);
  return {
    content: `Discard the report **${safe(intake.source.outlet)}**${intake.source.title ? ` — ${safe(clip(intake.source.title, 200))}` : ''} read in by ${safe(intake.authorName)}? Its ${pending} pending proposal${pending === 1 ? '' : 's'} go; the ${accepted} record${accepted === 1 ? '' : 's'} already accepted stay.`,
    components: [row([button('Discard', buttonId.encode({ action: 'discard', intake: intake.id, item: 0, arg: undefined }), ButtonStyle.Danger), button('Keep reviewing', buttonId.encode({ action: 'review', intake: intake.id, item: 0, arg: undefined }), ButtonStyle.Secondary)])],
    ephemeral: true,
  };
}

/** `/intake review event: claim: source:` — choices for the whole intake, checked against the story. */
function reviewChoices(story: Story, args: { event?: string | undefined; claim?: string | undefined; source?: string | undefined }, context: CommandContext) {
  const data = context.store.read();
  /** The story's live record of that id, or a polite refusal naming what was looked for. */
  const live = <R extends { id: string; storyId: string; retraction?: unknown }>(records: readonly R[], id: string, noun: string): R => {
    const found = records.find((candidate) => candidate.id === id && candidate.storyId === story.id && !candidate.retraction);
    if (!found) throw new UserError(`There is no ${noun} \`${clip(id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type. Nothing was changed.`);
    return found;
  };
  const out: { intake?: Partial<Pick<Intake, 'eventId' | 'claimId'>>; sourceId?: string } = {};
  if (args.event) out.intake = { ...out.intake, eventId: live(data.events, args.event, 'event').id };
  if (args.claim) out.intake = { ...out.intake, claimId: live(data.claims, args.claim, 'question').id };
  if (args.source) out.sourceId = live(data.sources, args.source, 'source').id;
  return out;
}

function listIntakes(story: Story, context: CommandContext): Reply {
  const intakes = openIntakes(context.store.read(), story.id, context.guildId, context.now);
  if (!intakes.length) return { content: `No report of **${safe(story.title)}** is waiting for review in this server.`, ephemeral: true };
  const lines = intakes.map((intake) => {
    const { pending, accepted, skipped } = intakeCounts(intake);
    const expiry = intake.expiresAt ? `expires <t:${Math.floor(Date.parse(intake.expiresAt) / 1000)}:R>` : 'kept';
    const source = intake.source.sourceId ? `source \`${intake.source.sourceId}\`` : 'source not confirmed yet';
    return `\`${intake.id}\` **${safe(clip(intake.source.outlet, 100))}**${intake.source.title ? ` — ${safe(clip(intake.source.title, 120))}` : ''} · ${pending} pending · ${accepted} accepted · ${skipped} skipped · ${expiry} · ${source}`;
  });
  const shown: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 120 > LIMITS.content) break;
    shown.push(line);
    length += line.length + 1;
  }
  const more = lines.length - shown.length;
  return {
    content: [`**Reports of ${safe(story.title)} waiting for review** — \`/intake review intake:\` to go through one`, ...shown, ...(more ? [`…and ${more} more: pick them as you type in \`/intake review intake:\`.`] : [])].join('\n'),
    ephemeral: true,
  };
}

/** The intake, if this server's moderators may act on it: not gone, not another server's, not expired. */
function usableIntake(data: Readonly<StoreData>, id: string, context: CommandContext, storyId?: string): Intake {
  const intake = data.intakes.find((candidate) => candidate.id === id);
  if (!intake || intake.guildId !== context.guildId || (storyId !== undefined && intake.storyId !== storyId)) {
    throw new UserError(`There is no report \`${clip(id, 40)}\` waiting for review here: it was discarded, or expired. \`/intake list\` shows those left. Nothing was changed.`);
  }
  if (intakeExpired(intake, context.now)) {
    throw new UserError(`This report's proposals expired on ${discordTime(intake.expiresAt!)} (they wait 7 days unless kept with \`/intake keep\`). Read it in again with \`/source add\`. Nothing was changed.`);
  }
  return intake;
}

const row = (components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> => ({ type: ComponentType.ActionRow, components });
const button = (label: string, custom_id: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger): APIButtonComponent => ({
  type: ComponentType.Button,
  style,
  label: clip(label, 80),
  custom_id,
});

type Resolved = { kindName: PreviewKindName; kind: PreviewKind<unknown>; payload: Record<string, unknown> };

/** The preview kind an item is accepted through: the hand-made statement's, or a claim account's. */
const kindOf = (item: IntakeItem): { kindName: PreviewKindName; kind: PreviewKind<unknown> } =>
  item.kind === 'statement' ? { kindName: 'statement.add', kind: STATEMENT_KINDS['statement.add']! } : { kindName: 'claim.account', kind: CLAIM_KINDS['claim.account']! };

/** A date as the hand-made form holds it; a range as its two ends. */
const whenText = (saidAt: string | undefined, precision: string | undefined, until?: string, untilPrecision?: string) => {
  if (!saidAt || !precision) return '';
  const one = (value: string, p: string) => (p === 'minute' ? value : plainDate(value, p as 'day'));
  return until && untilPrecision ? `${one(saidAt, precision)} – ${one(until, untilPrecision)}` : one(saidAt, precision);
};

/**
 * The payload an item would be accepted with: the proposal (or the moderator's edit of it) with the
 * intake's source, the chosen side and event or question. `complete` false: what is missing, to say so.
 */
function resolve(intake: Intake, item: IntakeItem, data: Readonly<StoreData>, context: CommandContext): Resolved & { missing?: string } {
  const { kindName, kind } = kindOf(item);
  const sourceId = intake.source.sourceId ?? '';
  if (item.kind === 'statement') {
    const source = data.sources.find((candidate) => candidate.id === sourceId);
    const fallback = item.saidAt ? undefined : source && publicationDay(source, context.timeZone);
    const edited = item.edited as { statement: Record<string, unknown>; form: Record<string, unknown> } | undefined;
    const eventId = intake.eventId ?? item.eventId;
    const fixed = { storyId: intake.storyId, sourceIds: [sourceId], sideId: item.sideId, eventId };
    const statement: Record<string, unknown> = edited
      ? { ...edited.statement, ...fixed }
      : {
          ...fixed,
          speaker: item.speaker,
          quote: item.quote,
          ...(item.actorId ? { actorId: item.actorId } : {}),
          saidAt: item.saidAt ?? fallback?.saidAt,
          precision: item.precision ?? fallback?.precision,
          ...(item.saidUntil ? { saidUntil: item.saidUntil, untilPrecision: item.untilPrecision } : {}),
          dateBasis: item.dateBasis ?? fallback?.dateBasis,
          via: item.via,
        };
    const form = edited?.form ?? {
      speaker: item.speaker,
      quote: item.quote,
      when: whenText(statement.saidAt as string | undefined, statement.precision as string | undefined, item.saidUntil, item.untilPrecision),
      context: '',
      via: item.via ?? '',
    };
    const payload = { statement: JSON.parse(JSON.stringify(statement)) as Record<string, unknown>, form };
    const missing = !item.sideId
      ? 'Pick the speaker’s side with the buttons below.'
      : !statement.speaker
        ? 'The report names no speaker for this quote: press Edit to name them.'
        : !statement.saidAt
          ? 'The report gives no date for it (nor for itself): press Edit to give when it was said.'
          : undefined;
    return { kindName, kind, payload, ...(missing ? { missing } : {}) };
  }
  const claimId = item.kind === 'account' ? item.claimId : (intake.claimId ?? item.claimId);
  const edited = item.edited as { account: Record<string, unknown>; form: Record<string, unknown> } | undefined;
  const proposed =
    item.kind === 'account'
      ? { position: item.position, text: item.text }
      : { position: clip(figureAmount(item.figure) || item.figure.outcome, 80), text: item.text, ...(item.claimantSide ? { sideId: item.claimantSide } : {}), figures: [item.figure] };
  const account: Record<string, unknown> = edited ? { ...edited.account, sourceId } : { ...proposed, sourceId };
  const form = edited?.form ?? {
    position: proposed.position ?? '',
    account: proposed.text,
    via: '',
    figures: item.kind === 'figure' ? `${item.figure.outcome}: ${figureAmount(item.figure)}`.trim() : '',
  };
  const payload = { claimId: claimId ?? '', account: JSON.parse(JSON.stringify(account)) as Record<string, unknown>, form };
  const missing = !claimId
    ? `Choose the question this figure answers: \`/intake review intake:${intake.id} claim:\`.`
    : !account.position
      ? 'Press Edit to give the position this account takes (a short label, as on `/claim account`).'
      : undefined;
  return { kindName, kind, payload, ...(missing ? { missing } : {}) };
}

/** The item's payload, checked: a UserError saying what is missing, or the store's refusal. */
function acceptable(intake: Intake, item: IntakeItem, data: Readonly<StoreData>, context: CommandContext): Resolved {
  if (!intake.source.sourceId) throw new UserError(sourceFirst(intake));
  const resolved = resolve(intake, item, data, context);
  if (resolved.missing) throw new UserError(resolved.missing);
  const parsed = resolved.kind.payload.safeParse(resolved.payload);
  if (!parsed.success) throw new UserError(`The proposal does not fit the form: ${clip(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), 300)}. Press Edit to correct it.`);
  return { ...resolved, payload: parsed.data as Record<string, unknown> };
}

const sourceFirst = (intake: Intake) =>
  `Its statements will cite the report, so confirm the source first: press Confirm on the preview \`/source add\` showed for **${safe(intake.source.outlet)}** — or, if you saved it another way, \`/intake review intake:${intake.id} source:\` links it.`;

const KIND_LABEL: Record<IntakeItem['kind'], string> = { statement: 'statement', figure: 'figure', account: 'account of a question' };

/** One proposal as its preview would show it, with Accept / Edit / Skip / Next and the bulk accept. */
function card(intake: Intake, index: number, context: CommandContext, lead?: string): Reply {
  const messages = readerMessages(context);
  const data = context.store.read();
  const counts = intakeCounts(intake);
  const expiry = intake.expiresAt ? `expires <t:${Math.floor(Date.parse(intake.expiresAt) / 1000)}:R>` : 'kept';
  const header = `**Report: ${safe(clip(intake.source.outlet, 100))}** · ${counts.pending} pending · ${counts.accepted} accepted · ${counts.skipped} skipped · ${expiry}`;
  if (!intake.source.sourceId) {
    return { content: shorten([lead, header, `⚠️ ${sourceFirst(intake)}`].filter(Boolean).join('\n'), LIMITS.content), embeds: [], components: [], ephemeral: true };
  }
  const item = intake.items[index];
  if (!item || counts.pending === 0) {
    const done = `All ${counts.total} proposal${counts.total === 1 ? '' : 's'} of this report reviewed: ${counts.accepted} accepted, ${counts.skipped} skipped.${intake.notes.length ? `\n${intake.notes.map((note) => `· ${safe(note)}`).join('\n')}` : ''}`;
    return { content: shorten([lead, header, done].filter(Boolean).join('\n'), LIMITS.content), embeds: [], components: [], ephemeral: true };
  }
  const resolved = resolve(intake, item, data, context);
  const warnings: string[] = [];
  const notes: string[] = [];
  let embed: APIEmbed;
  const plain = () => ({ description: item.kind === 'statement' ? `> ${safe(item.quote)}\n— ${safe(item.speaker || 'speaker not named')}` : safe(item.text) });
  if (resolved.missing) {
    warnings.push(resolved.missing);
    embed = plain();
  } else {
    try {
      const parsed = resolved.kind.payload.parse(resolved.payload);
      const view = resolved.kind.render(parsed, context);
      embed = view.embeds[0] ?? plain();
      warnings.push(...view.warnings.filter((warning) => !warning.startsWith('Add the other accounts')), ...previewChecks(resolved.kind, parsed, context));
      notes.push(...moderatorTextOf(parsed, ['dateBasis']).map(({ text }) => messages.moderation.dateBasis(isolate(safe(text), messages))));
    } catch (error) {
      if (!(error instanceof UserError) && !(error instanceof InvalidChange) && !(error instanceof Error && error.name === 'ZodError')) throw error;
      warnings.push(`Accept would be refused: ${error instanceof InvalidChange ? refusalText(error, messages) : clip(error.message, 400)}`);
      embed = plain();
    }
  }
  if (item.kind === 'statement') {
    if (item.duplicateOf) warnings.push(`Already stored: statement \`${item.duplicateOf}\` has the same words and speaker. Skip it unless this is another occasion.`);
    if (item.attribution === 'pronoun') warnings.push('The speaker was found through a pronoun or a quote that runs on: check it.');
    if (item.attribution === 'inferred') warnings.push('No one is named for this quote: the speaker is inferred from the sentence. Check it.');
    if (item.headline) warnings.push('This quote is from the headline.');
  }
  if (item.kind === 'figure') warnings.push(`Claimed by ${safe(item.claimant)}; added as an account (with this figure) of ${intake.claimId ? `question \`${intake.claimId}\`` : 'a question you choose'}.`);
  if (item.problem) warnings.push(`Left pending: ${item.problem}`);
  const position = `Proposal ${index + 1} of ${counts.total} — ${KIND_LABEL[item.kind]}${item.status === 'pending' ? '' : ` (${item.status}${item.recordId ? `: \`${item.recordId}\`` : ''})`}`;
  const id = (action: string, arg?: string) => buttonId.encode({ action, intake: intake.id, item: index, arg });
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  if (item.status === 'pending') {
    rows.push(
      row([
        button('Accept', id('accept'), ButtonStyle.Success),
        button('Edit', id('edit'), ButtonStyle.Secondary),
        button('Skip', id('skip'), ButtonStyle.Danger),
        button('Next', id('next'), ButtonStyle.Secondary),
      ]),
    );
  } else rows.push(row([button('Next', id('next'), ButtonStyle.Secondary)]));
  const second = [button('Accept every quote with a named speaker', id('bulk'), ButtonStyle.Primary), ...(intake.expiresAt ? [button('Keep past 7 days', id('keep'), ButtonStyle.Secondary)] : [])];
  rows.push(row(second));
  const sides = storyByKey(shortKey(intake.storyId), context).sides;
  if (item.kind === 'statement' && item.status === 'pending' && sides.length) {
    const story = { sides };
    rows.push(row(story.sides.slice(0, 5).map((side) => button(`Side: ${side.name}`, id('side', shortKey(side.id)), side.id === item.sideId ? ButtonStyle.Success : ButtonStyle.Secondary))));
  }
  const reportNotes = intake.notes.slice(0, 3).map((note) => `ℹ️ ${safe(clip(note, 300))}`);
  const text = [lead, header, position, ...notes, ...warnings.map((warning) => `⚠️ ${warning}`), ...reportNotes].filter(Boolean).join('\n');
  return {
    content: shorten(text, LIMITS.content),
    embeds: [{ ...embed, description: embed.description && shorten(embed.description, LIMITS.embedDescription), footer: undefined }],
    components: rows,
    ephemeral: true,
  };
}

const author = (context: CommandContext) => clip(context.userName || context.userId, 100);

/** An item accepted: the record it made, who decided and when; a problem it had is gone. */
function markAccepted(target: IntakeItem, recordId: string | undefined, context: CommandContext): void {
  target.status = 'accepted';
  if (recordId) target.recordId = recordId;
  target.decidedAt = context.now.toISOString();
  target.decidedBy = author(context);
  delete target.problem;
}

export async function component(parts: string[], context: CommandContext): Promise<Answer> {
  requireEditor(context);
  const { action, intake: intakeId, item: itemText } = buttonId.decode(parts);
  const { arg } = buttonId.decode(parts);
  const index = Number(itemText);
  const messages = readerMessages(context);
  const intake = usableIntake(context.store.read(), intakeId, context);
  if (!Number.isInteger(index) || index < 0 || (index >= intake.items.length && intake.items.length > 0)) throw new UserError(messages.moderation.buttonStale);
  const item = intake.items[index];
  switch (action) {
    case 'next':
      return card(intake, nextPending(intake, index + 1) ?? index, context);
    case 'review':
      return card(intake, nextPending(intake) ?? 0, context);
    case 'keep':
      return keep(intakeId, context, index);
    case 'discard': {
      await context.store.update((draft) => {
        usableIntake(draft, intakeId, context);
        draft.intakes = draft.intakes.filter((candidate) => candidate.id !== intakeId);
      });
      return { content: `Discarded the report **${safe(intake.source.outlet)}**: its remaining proposals are gone; records already accepted stay.`, embeds: [], components: [] };
    }
    case 'edit': {
      if (!item || item.status !== 'pending') return card(intake, nextPending(intake, index) ?? index, context, alreadyDecided(item));
      if (!intake.source.sourceId) throw new UserError(sourceFirst(intake));
      const { kind, payload } = resolve(intake, item, context.store.read(), context);
      if (!kind.reopen) throw new UserError(messages.moderation.noFormToReopen);
      return { modal: kind.reopen(payload, reviseId.encode({ intake: intakeId, item: index }), context) };
    }
    case 'side': {
      const story = storyByKey(shortKey(intake.storyId), context);
      const side = findByShortKey(story.sides, arg);
      if (!side || item?.kind !== 'statement') throw new UserError(messages.moderation.buttonStale);
      const updated = await context.store.update((draft) => {
        const found = usableIntake(draft, intakeId, context);
        const target = found.items[index];
        if (target?.kind === 'statement' && target.status === 'pending') target.sideId = side.id;
        return found;
      });
      return card(updated, index, context);
    }
    case 'skip':
      return decide(intakeId, index, context, (found, target) => {
        target.status = 'skipped';
        target.decidedAt = context.now.toISOString();
        target.decidedBy = author(context);
        delete target.problem;
        return `Skipped proposal ${index + 1}.`;
      });
    case 'accept':
      try {
        return await decide(intakeId, index, context, (found, target, draft) => {
          const { kind, payload } = acceptable(found, target, draft, context);
          const saved = kind.apply(draft, payload, context, messages);
          markAccepted(target, saved.recordId, context);
          return saved.text;
        });
      } catch (error) {
        // Nothing was written: the card again, with why (a missing side, a refused date), to fix with Edit.
        if (!(error instanceof UserError)) throw error;
        return card(usableIntake(context.store.read(), intakeId, context), index, context, `⚠️ Not accepted: ${error.message} Nothing was changed.`);
      }
    case 'bulk':
      return bulkAccept(intakeId, index, context);
    default:
      throw new UserError(messages.moderation.buttonStale);
  }
}

const alreadyDecided = (item: IntakeItem | undefined) =>
  item ? `That proposal was already ${item.status}${item.recordId ? ` (saved as \`${item.recordId}\`)` : ''} — nothing was saved again.` : undefined;

/**
 * Accept or Skip: the item is decided in ONE store update (updates run one at a time), so two clicks — or
 * one after a restart — decide it once; the other is told it was already decided. Then the next pending card.
 */
async function decide(intakeId: string, index: number, context: CommandContext, change: (intake: Intake, item: IntakeItem, draft: StoreData) => string): Promise<Reply> {
  const messages = readerMessages(context);
  const { lead, intake } = await refusalsAsUserErrors(
    () =>
      context.store.update((draft) => {
        sweepIntakes(draft, context.now);
        const found = usableIntake(draft, intakeId, context);
        const target = found.items[index];
        if (!target || target.status !== 'pending') return { lead: alreadyDecided(target), intake: found };
        return { lead: change(found, target, draft), intake: found };
      }),
    messages,
  );
  return card(intake, nextPending(intake, index + 1) ?? index, context, lead);
}

/**
 * "Accept every quote with a named speaker": each pending quote whose speaker the report names (not one
 * already stored) is checked on a copy and, if the store takes it, saved — all in one update. One the store
 * refuses, or that lacks a side or date, stays pending with the reason on its card.
 */
async function bulkAccept(intakeId: string, index: number, context: CommandContext): Promise<Reply> {
  const messages = readerMessages(context);
  const { accepted, left, intake } = await context.store.update((draft) => {
    sweepIntakes(draft, context.now);
    const found = usableIntake(draft, intakeId, context);
    if (!found.source.sourceId) throw new UserError(sourceFirst(found));
    let accepted = 0;
    let left = 0;
    found.items.forEach((target) => {
      if (!bulkAcceptable(target)) return;
      try {
        const { kind, payload } = acceptable(found, target, draft, context);
        kind.apply(draftOf(draft), payload, context, messages);
        const saved = kind.apply(draft, payload, context, messages);
        markAccepted(target, saved.recordId, context);
        accepted++;
      } catch (error) {
        if (!(error instanceof UserError) && !(error instanceof InvalidChange)) throw error;
        target.problem = clip(error instanceof InvalidChange ? refusalText(error, messages) : error.message, 500);
        left++;
      }
    });
    return { accepted, left, intake: found };
  });
  const lead = `Accepted ${accepted} quote${accepted === 1 ? '' : 's'} with a named speaker.${left ? ` ${left} stayed pending: the reason is on each card.` : ''}`;
  return card(intake, nextPending(intake, index) ?? index, context, lead);
}

async function keep(intakeId: string, context: CommandContext, index?: number): Promise<Reply> {
  const intake = await context.store.update((draft) => {
    const found = usableIntake(draft, intakeId, context);
    delete found.expiresAt;
    return found;
  });
  const lead = `Kept: the proposals of **${safe(intake.source.outlet)}** no longer expire. \`/intake discard\` drops them.`;
  return index === undefined ? { content: lead, ephemeral: true } : card(intake, index, context, lead);
}

/** The hand-made form came back from an Edit: the proposal revised by its kind (dates read as typed), then the card again. */
export async function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  requireEditor(context);
  const { intake: intakeId, item: itemText } = reviseId.decode(parts);
  const index = Number(itemText);
  const before = usableIntake(context.store.read(), intakeId, context);
  const item = before.items[index];
  if (!item || item.status !== 'pending') return card(before, nextPending(before, index) ?? index, context, alreadyDecided(item));
  const { kind, payload } = resolve(before, item, context.store.read(), context);
  if (!kind.revise) throw new UserError(readerMessages(context).moderation.formStale);
  const revised = kind.revise(payload, fields, context);
  const intake = await context.store.update((draft) => {
    const found = usableIntake(draft, intakeId, context);
    const target = found.items[index];
    if (target?.status === 'pending') {
      target.edited = JSON.parse(JSON.stringify(revised)) as Record<string, unknown>;
      delete target.problem;
    }
    return found;
  });
  return card(intake, index, context, 'Edited: this is what Accept will save.');
}
